package io.backupscheduler.schedule;

import io.backupscheduler.job.Priority;
import io.backupscheduler.persistence.Timestamped;
import io.backupscheduler.queue.RunPurpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

/**
 * When a job runs: a timed rule (cron, business days, month end, quarter end) or an event, with the policies for
 * missed fires and overlapping runs. The next fire time lives here, in the database, so that firing never
 * depends on a timer surviving (docs/architecture.md, principle 1). Changed only through {@link ScheduleService} and the firing pass.
 */
@Entity
@Table(name = "schedule")
public class Schedule extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "schedule_seq")
    @SequenceGenerator(name = "schedule_seq", sequenceName = "schedule_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100, unique = true)
    private String name;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ScheduleType type;

    @Column(length = 200)
    private String expression;

    @Column(name = "time_of_day", length = 5)
    private String timeOfDay;

    @Column(name = "last_business_day", nullable = false)
    private boolean lastBusinessDay;

    @Enumerated(EnumType.STRING)
    @Column(name = "day_filter", nullable = false, length = 24)
    private DayFilter dayFilter = DayFilter.ALL_DAYS;

    @Column(nullable = false, length = 64)
    private String zone;

    @Column(name = "calendar_id")
    private Long calendarId;

    @Column
    private Priority priority;

    @Column(name = "job_data", length = 16000)
    private String jobData;

    /** What its fires queue: the job's backups, or its restore drills. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunPurpose purpose = RunPurpose.BACKUP;

    @Column(nullable = false)
    private boolean enabled = true;

    @Enumerated(EnumType.STRING)
    @Column(name = "misfire_policy", nullable = false, length = 16)
    private MisfirePolicy misfirePolicy = MisfirePolicy.FIRE_ONCE;

    @Column(name = "misfire_limit", nullable = false)
    private int misfireLimit = 10;

    @Column(name = "starting_deadline_seconds")
    private Long startingDeadlineSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "overlap_policy", nullable = false, length = 16)
    private OverlapPolicy overlapPolicy = OverlapPolicy.FORBID;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", length = 16)
    private EventType eventType;

    @Column(name = "event_source", length = 4096)
    private String eventSource;

    @Column(name = "next_fire_at")
    private Instant nextFireAt;

    @Column(name = "last_fire_at")
    private Instant lastFireAt;

    protected Schedule() {
    }

    Schedule(String name) {
        this.name = name;
    }

    /** Copies a validated spec; the caller computes the next fire time afterwards. */
    void apply(ScheduleSpec spec, String defaultZone) {
        name = spec.getName() == null ? "" : spec.getName().strip(); // blank only in a preview
        jobId = spec.getJobId() == null ? 0 : spec.getJobId();
        type = spec.getType();
        expression = type == ScheduleType.CRON ? spec.getExpression().strip() : null;
        timeOfDay = type.isTimed() && type != ScheduleType.CRON ? spec.getTimeOfDay().strip() : null;
        lastBusinessDay = Boolean.TRUE.equals(spec.getLastBusinessDay());
        dayFilter = spec.getDayFilter() == null ? DayFilter.ALL_DAYS : spec.getDayFilter();
        zone = spec.getZone() == null || spec.getZone().isBlank() ? defaultZone : spec.getZone().strip();
        calendarId = spec.getCalendarId();
        priority = spec.getPriority();
        jobData = spec.getData();
        purpose = spec.getPurpose() == null ? RunPurpose.BACKUP : spec.getPurpose();
        enabled = !Boolean.FALSE.equals(spec.getEnabled());
        misfirePolicy = spec.getMisfirePolicy() == null ? MisfirePolicy.FIRE_ONCE : spec.getMisfirePolicy();
        misfireLimit = spec.getMisfireLimit() == null ? 10 : spec.getMisfireLimit();
        startingDeadlineSeconds = spec.getStartingDeadlineSeconds();
        overlapPolicy = spec.getOverlapPolicy() == null ? OverlapPolicy.FORBID : spec.getOverlapPolicy();
        eventType = type == ScheduleType.EVENT ? spec.getEventType() : null;
        eventSource = type == ScheduleType.EVENT ? spec.getEventSource().strip() : null;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void nextFireAt(Instant next) {
        this.nextFireAt = next;
    }

    void fired(Instant at) {
        this.lastFireAt = at;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public long getJobId() {
        return jobId;
    }

    public ScheduleType getType() {
        return type;
    }

    public String getExpression() {
        return expression;
    }

    public String getTimeOfDay() {
        return timeOfDay;
    }

    public LocalTime time() {
        return timeOfDay == null ? null : LocalTime.parse(timeOfDay);
    }

    public boolean isLastBusinessDay() {
        return lastBusinessDay;
    }

    public DayFilter getDayFilter() {
        return dayFilter;
    }

    public String getZone() {
        return zone;
    }

    public Long getCalendarId() {
        return calendarId;
    }

    public Priority getPriority() {
        return priority;
    }

    public RunPurpose getPurpose() {
        return purpose;
    }

    public String getJobData() {
        return jobData;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public MisfirePolicy getMisfirePolicy() {
        return misfirePolicy;
    }

    public int getMisfireLimit() {
        return misfireLimit;
    }

    public Long getStartingDeadlineSeconds() {
        return startingDeadlineSeconds;
    }

    public OverlapPolicy getOverlapPolicy() {
        return overlapPolicy;
    }

    public EventType getEventType() {
        return eventType;
    }

    public String getEventSource() {
        return eventSource;
    }

    public Instant getNextFireAt() {
        return nextFireAt;
    }

    public Instant getLastFireAt() {
        return lastFireAt;
    }
}
