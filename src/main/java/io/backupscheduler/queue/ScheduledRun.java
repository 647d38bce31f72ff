package io.backupscheduler.queue;

import io.backupscheduler.job.Priority;
import java.time.Instant;

/** A run a schedule's fire asks for: the job, the schedule, the fire's instant, and optional priority and data. */
public record ScheduledRun(long jobId, long scheduleId, Instant due, Priority priority, String jobData) {
}
