package io.backupscheduler.errors;

import java.util.Objects;

/**
 * One problem with one input field. {@code field} is a dotted path as the client sent it
 * ({@code "limits.maxCpuPercent"}, {@code "command[2]"}), {@code message} says what is wrong in words a user reads.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The last segment of the path without an index: the id of the console component that shows it. */
    public String leafName() {
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        int bracket = leaf.indexOf('[');
        return bracket < 0 ? leaf : leaf.substring(0, bracket);
    }
}
