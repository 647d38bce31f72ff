package io.backupscheduler.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A fire of a schedule was recorded (queued, replaced or skipped). Raised inside the firing transaction; observe it
 * with {@code during = AFTER_SUCCESS} to count only fires that were committed.
 */
public record FireRecorded(long scheduleId, ScheduleType type, FireOutcome outcome, Instant dueAt, Instant firedAt) {

    /** How long after its due time the fire's run was queued (zero when early, e.g. a fire taken ahead). */
    public Duration lateness() {
        Duration late = Duration.between(dueAt, firedAt);
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** Whether the fire put a run in the queue (as opposed to a skip). */
    public boolean queued() {
        return outcome == FireOutcome.QUEUED || outcome == FireOutcome.REPLACED;
    }
}
