package io.backupscheduler.persistence;

import java.sql.SQLException;

/** Recognises the database's refusal of a duplicate unique value, whatever the database and provider. */
public final class ConstraintViolations {
    /** SQLSTATE class 23 is "integrity constraint violation"; 23505 is "unique violation" (PostgreSQL, H2). */
    private static final String UNIQUE_VIOLATION = "23505";

    private ConstraintViolations() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
