package io.backupscheduler.queue;

/** A queued run finished: SUCCEEDED, or failed (RETRY_WAIT when it will be retried, DEAD when it will not). */
public record RunFinished(long entryId, long jobId, QueueStatus status, String error) {
}
