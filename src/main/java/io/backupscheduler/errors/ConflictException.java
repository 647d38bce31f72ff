package io.backupscheduler.errors;

/**
 * The request is well-formed but clashes with the current state: a duplicate unique value or a stale version.
 * {@code field} names the input at fault when there is one (may be null).
 */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
