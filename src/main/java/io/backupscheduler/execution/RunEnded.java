package io.backupscheduler.execution;

import io.backupscheduler.job.JobKind;
import java.time.Duration;

/** A run on this node ended and its record is final: raised once per execution, after the queue was told. */
public record RunEnded(long executionId, long entryId, long jobId, String jobName, JobKind kind, ExecutionStatus status,
                       Duration duration, long bytesRead, long bytesWritten, String error) {
}
