package io.backupscheduler.execution;

import io.backupscheduler.queue.RunPurpose;
import java.time.Instant;
import java.util.Set;

/** Filters of the execution history; each null or empty means "any". Time bounds apply to the start. */
public record ExecutionQuery(Long jobId, Set<ExecutionStatus> statuses, Instant startedFrom, Instant startedTo, Long queueEntryId,
                             RunPurpose purpose) {
    public static final ExecutionQuery ALL = new ExecutionQuery(null, Set.of(), null, null, null, null);

    public ExecutionQuery(Long jobId, Set<ExecutionStatus> statuses, Instant startedFrom, Instant startedTo) {
        this(jobId, statuses, startedFrom, startedTo, null, null);
    }
}
