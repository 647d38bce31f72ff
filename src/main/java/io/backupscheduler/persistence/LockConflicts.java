package io.backupscheduler.persistence;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a transaction that lost a race for rows to another one (a deadlock victim, a serialization failure, a
 * lock it could not get): nothing was wrong with the request, and the same work in a new transaction may succeed.
 */
public final class LockConflicts {
    /** 40001 serialization failure, 40P01 deadlock detected, 55P03 lock not available (PostgreSQL; H2 uses 40001). */
    private static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03");

    private LockConflicts() {
    }

    public static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockTimeoutException || t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
