package io.backupscheduler.api;

import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.RunPurpose;
import io.backupscheduler.schedule.DayFilter;
import io.backupscheduler.schedule.EventType;
import io.backupscheduler.schedule.MisfirePolicy;
import io.backupscheduler.schedule.OverlapPolicy;
import io.backupscheduler.schedule.Schedule;
import io.backupscheduler.schedule.ScheduleType;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A schedule as the API shows it; {@code warnings} only in the answer to a create or an update. */
public record ScheduleResponse(long id, String name, long jobId, ScheduleType type, String expression, String timeOfDay,
                               boolean lastBusinessDay, DayFilter dayFilter, String zone, Long calendarId,
                               Priority priority, JsonValue data, RunPurpose purpose, boolean enabled, MisfirePolicy misfirePolicy,
                               int misfireLimit, Long startingDeadlineSeconds, OverlapPolicy overlapPolicy,
                               EventType eventType, String eventSource, String description, Instant nextFireAt,
                               Instant lastFireAt, Instant createdAt, Instant updatedAt, long version,
                               List<String> warnings) {
    private static final JsonProvider JSON = JsonProvider.provider();

    static ScheduleResponse of(Schedule s, String description, List<String> warnings) {
        return new ScheduleResponse(s.getId(), s.getName(), s.getJobId(), s.getType(), s.getExpression(), s.getTimeOfDay(),
                s.isLastBusinessDay(), s.getDayFilter(), s.getZone(), s.getCalendarId(), s.getPriority(), parse(s.getJobData()),
                s.getPurpose(), s.isEnabled(), s.getMisfirePolicy(), s.getMisfireLimit(), s.getStartingDeadlineSeconds(), s.getOverlapPolicy(),
                s.getEventType(), s.getEventSource(), description, s.getNextFireAt(), s.getLastFireAt(), s.getCreatedAt(),
                s.getUpdatedAt(), s.getVersion(), warnings);
    }

    private static JsonValue parse(String data) {
        if (data == null) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(data))) {
            return reader.readValue();
        }
    }
}
