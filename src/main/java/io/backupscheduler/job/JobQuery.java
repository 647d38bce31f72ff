package io.backupscheduler.job;

import java.util.Set;

/**
 * Which jobs a list shows: {@code text} matches name or description (case-insensitive, contained),
 * the others match exactly; null means "any".
 */
public record JobQuery(String text, JobKind kind, Priority priority, Boolean enabled) {
    /** Properties a job list can be sorted by, as clients name them. */
    public static final Set<String> SORTABLE = Set.of("id", "name", "kind", "priority", "enabled", "createdAt", "updatedAt");

    public static JobQuery all() {
        return new JobQuery(null, null, null, null);
    }
}
