package io.backupscheduler.execution;

/** A run ended and left this node's list of running work: a worker slot is free for the dispatcher. */
public record WorkerSlotFreed(long executionId) {
}
