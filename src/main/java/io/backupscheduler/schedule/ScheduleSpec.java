package io.backupscheduler.schedule;

import io.backupscheduler.queue.RunPurpose;
import io.backupscheduler.job.Priority;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client asks a schedule to be, from the API (JSON-B) and the console (a JavaBean for Faces EL). Field
 * checks are annotations; the checks that need the whole (a valid expression for CRON, a time for the daily
 * types, an event for EVENT, a zone the JDK knows) are in {@link ScheduleRules}. {@code data} is JSON text.
 */
public class ScheduleSpec implements java.io.Serializable {
    @NotBlank(message = "is required")
    @Size(max = 100, message = "must be at most {max} characters")
    @Pattern(regexp = "([\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*)?",
            message = "must start with a letter or digit and contain only letters, digits, spaces, '.', '_' and '-'")
    private String name;

    @NotNull(message = "is required")
    private Long jobId;

    @NotNull(message = "is required: CRON, BUSINESS_DAYS, MONTH_END, QUARTER_END or EVENT")
    private ScheduleType type;

    @Size(max = 200, message = "must be at most {max} characters")
    private String expression;

    @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time of day as HH:mm, e.g. 02:30")
    private String timeOfDay;

    private Boolean lastBusinessDay;

    private DayFilter dayFilter;

    @Size(max = 64, message = "must be at most {max} characters")
    private String zone;

    private Long calendarId;

    private Priority priority;

    @Size(max = 16000, message = "must be at most {max} characters")
    @jakarta.json.bind.annotation.JsonbTypeDeserializer(JsonTextDeserializer.class)
    private String data;

    private Boolean enabled;

    private RunPurpose purpose;

    private MisfirePolicy misfirePolicy;

    @Min(value = 1, message = "must be between 1 and 1000")
    @Max(value = 1000, message = "must be between 1 and 1000")
    private Integer misfireLimit;

    @Min(value = 1, message = "must be at least 1 second")
    private Long startingDeadlineSeconds;

    private OverlapPolicy overlapPolicy;

    private EventType eventType;

    @Size(max = 4096, message = "must be at most {max} characters")
    private String eventSource;

    private Long version;

    /** The spec that reproduces a stored schedule, for editing it. */
    public static ScheduleSpec of(Schedule s) {
        ScheduleSpec spec = new ScheduleSpec();
        spec.name = s.getName();
        spec.jobId = s.getJobId();
        spec.type = s.getType();
        spec.expression = s.getExpression();
        spec.timeOfDay = s.getTimeOfDay();
        spec.lastBusinessDay = s.isLastBusinessDay();
        spec.dayFilter = s.getDayFilter();
        spec.zone = s.getZone();
        spec.calendarId = s.getCalendarId();
        spec.priority = s.getPriority();
        spec.data = s.getJobData();
        spec.purpose = s.getPurpose();
        spec.enabled = s.isEnabled();
        spec.misfirePolicy = s.getMisfirePolicy();
        spec.misfireLimit = s.getMisfireLimit();
        spec.startingDeadlineSeconds = s.getStartingDeadlineSeconds();
        spec.overlapPolicy = s.getOverlapPolicy();
        spec.eventType = s.getEventType();
        spec.eventSource = s.getEventSource();
        spec.version = s.getVersion();
        return spec;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getJobId() {
        return jobId;
    }

    public void setJobId(Long jobId) {
        this.jobId = jobId;
    }

    public ScheduleType getType() {
        return type;
    }

    public void setType(ScheduleType type) {
        this.type = type;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public String getTimeOfDay() {
        return timeOfDay;
    }

    public void setTimeOfDay(String timeOfDay) {
        this.timeOfDay = timeOfDay;
    }

    public Boolean getLastBusinessDay() {
        return lastBusinessDay;
    }

    public void setLastBusinessDay(Boolean lastBusinessDay) {
        this.lastBusinessDay = lastBusinessDay;
    }

    public DayFilter getDayFilter() {
        return dayFilter;
    }

    public void setDayFilter(DayFilter dayFilter) {
        this.dayFilter = dayFilter;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public Long getCalendarId() {
        return calendarId;
    }

    public void setCalendarId(Long calendarId) {
        this.calendarId = calendarId;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    /** BACKUP (the default) or DRILL: what the schedule's fires queue. */
    public RunPurpose getPurpose() {
        return purpose;
    }

    public void setPurpose(RunPurpose purpose) {
        this.purpose = purpose;
    }

    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public MisfirePolicy getMisfirePolicy() {
        return misfirePolicy;
    }

    public void setMisfirePolicy(MisfirePolicy misfirePolicy) {
        this.misfirePolicy = misfirePolicy;
    }

    public Integer getMisfireLimit() {
        return misfireLimit;
    }

    public void setMisfireLimit(Integer misfireLimit) {
        this.misfireLimit = misfireLimit;
    }

    public Long getStartingDeadlineSeconds() {
        return startingDeadlineSeconds;
    }

    public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
        this.startingDeadlineSeconds = startingDeadlineSeconds;
    }

    public OverlapPolicy getOverlapPolicy() {
        return overlapPolicy;
    }

    public void setOverlapPolicy(OverlapPolicy overlapPolicy) {
        this.overlapPolicy = overlapPolicy;
    }

    public EventType getEventType() {
        return eventType;
    }

    public void setEventType(EventType eventType) {
        this.eventType = eventType;
    }

    public String getEventSource() {
        return eventSource;
    }

    public void setEventSource(String eventSource) {
        this.eventSource = eventSource;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
