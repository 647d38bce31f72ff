package io.backupscheduler.limit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A shared limit as users see it: its capacity, how many runs hold a unit now, and the jobs that use it. */
public record LimitUsage(String name, int capacity, String description, int inUse, List<String> jobs, Instant updatedAt, long version) {

    public boolean full() {
        return inUse >= capacity;
    }

    /** "db dump, home" or "no job". */
    public String usedBy() {
        return jobs.isEmpty() ? "no job" : String.join(", ", jobs);
    }

    /**
     * Why work of a job that uses these limits cannot start now (the first full one, in name order), or null when
     * each has a free unit. {@code usage}: every limit by name, read once per answer.
     */
    public static String whyWaiting(List<String> used, Map<String, LimitUsage> usage) {
        for (String name : used) {
            LimitUsage limit = usage.get(name);
            if (limit != null && limit.full()) {
                return "waits for shared limit " + name + ": " + limit.inUse() + " of " + limit.capacity() + " in use"
                        + (limit.capacity() == 0 ? " (its capacity is 0: it holds every run that needs it)" : "");
            }
        }
        return null;
    }
}
