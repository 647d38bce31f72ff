package io.backupscheduler.queue;

import io.backupscheduler.job.Priority;
import java.time.Instant;

/**
 * A run a schedule's fire asks for: the job, the schedule, the fire's instant, optional priority and data, and its
 * purpose (a backup, or a restore drill whose point is chosen when it runs).
 */
public record ScheduledRun(long jobId, long scheduleId, Instant due, Priority priority, String jobData, RunPurpose purpose) {
    public ScheduledRun(long jobId, long scheduleId, Instant due, Priority priority, String jobData) {
        this(jobId, scheduleId, due, priority, jobData, RunPurpose.BACKUP);
    }
}
