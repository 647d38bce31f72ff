package io.backupscheduler.schedule;

/** A schedule (or, with a null id, the scheduler switch) changed: the wake-up must be armed again. */
public record ScheduleChanged(Long scheduleId) {
}
