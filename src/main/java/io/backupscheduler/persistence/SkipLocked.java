package io.backupscheduler.persistence;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * Rows a transaction claims for itself and other nodes pass over: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL,
 * how the database coordinates the nodes of a cluster (queue claims, due schedules, alert rules, notifications).
 */
public final class SkipLocked {
    /** JPA's lock timeout hint value that Hibernate renders as SKIP LOCKED. */
    private static final int SKIP_LOCKED = -2;

    private SkipLocked() {
    }

    /** The query's rows, write-locked, leaving out those another transaction holds. */
    public static <T> TypedQuery<T> claim(TypedQuery<T> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED);
    }
}
