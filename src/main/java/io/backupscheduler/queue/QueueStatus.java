package io.backupscheduler.queue;

import java.util.List;

/** Where a queue entry is in its life. */
public enum QueueStatus {
    /** Waiting for dependencies to succeed. */
    PENDING,
    /** May be claimed. */
    READY,
    /** Claimed by a node, under a lease. */
    RUNNING,
    SUCCEEDED,
    /** Failed; waits for its backoff before it may be claimed again. */
    RETRY_WAIT,
    /** Out of attempts: in the dead-letter queue. */
    DEAD,
    CANCELLED,
    /** A dependency died and the entry's policy is to block. */
    BLOCKED;

    /** Queued, waiting or running: still to run. Every query and count of open entries uses this one list. */
    public static final List<QueueStatus> OPEN = List.of(PENDING, READY, RUNNING, RETRY_WAIT);

    /** No further transition without a person acting. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD || this == CANCELLED || this == BLOCKED;
    }
}
