package io.backupscheduler.job;

import java.util.Map;

/** How many jobs there are, in total, enabled, per kind and per priority. */
public record JobCounts(long total, long enabled, Map<JobKind, Long> byKind, Map<Priority, Long> byPriority) {
    public JobCounts {
        byKind = Map.copyOf(byKind);
        byPriority = Map.copyOf(byPriority);
    }

    public long ofKind(JobKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    public long ofPriority(Priority priority) {
        return byPriority.getOrDefault(priority, 0L);
    }
}
