package io.backupscheduler.queue;

import java.time.Instant;
import java.util.Comparator;

/** The order in which ready work is taken: priority (1 first), then scheduled time, then id. */
public final class QueueOrder {
    /** What the order needs to know of an entry. */
    public interface Ordered {
        int priorityRank();

        Instant scheduledAt();

        long id();
    }

    public static final Comparator<Ordered> COMPARATOR = Comparator.comparingInt(Ordered::priorityRank)
            .thenComparing(Ordered::scheduledAt)
            .thenComparingLong(Ordered::id);

    private QueueOrder() {
    }
}
