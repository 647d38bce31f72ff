package io.backupscheduler.execution;

import java.time.Instant;
import java.util.Set;

/** Filters of the execution history; each null or empty means "any". Time bounds apply to the start. */
public record ExecutionQuery(Long jobId, Set<ExecutionStatus> statuses, Instant startedFrom, Instant startedTo) {
    public static final ExecutionQuery ALL = new ExecutionQuery(null, Set.of(), null, null);
}
