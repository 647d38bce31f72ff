package io.backupscheduler.execution;

/** Where a run stands; every status but RUNNING is final. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    /** The work failed: an exit code not accepted, a missing source, an error. Retried by the queue. */
    FAILED,
    /** Ran past its time limit and was stopped. Retried by the queue. */
    TIMED_OUT,
    /** Stopped by a user; not retried. */
    CANCELLED,
    /** Killed or refused for going past a resource limit (memory). Retried by the queue. */
    REJECTED_LIMIT;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
