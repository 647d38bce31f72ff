package io.backupscheduler.job;

/**
 * Fired, synchronously and inside the transaction, before a job definition is deleted: an observer that throws
 * (e.g. because a run of the job is under way) stops the deletion.
 */
public record JobDeleting(long jobId, String name) {
}
