package io.backupscheduler.queue;

import io.backupscheduler.job.Priority;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How many entries wait, run or are stuck, by priority and status: what metrics and the dashboard show of the queue. */
public record QueueDepth(Map<Priority, Map<QueueStatus, Long>> counts) {
    /** The statuses counted: everything but the final SUCCEEDED and CANCELLED, which only grow with history. */
    public static final List<QueueStatus> STATUSES = List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RUNNING,
            QueueStatus.RETRY_WAIT, QueueStatus.BLOCKED, QueueStatus.DEAD);

    public static QueueDepth of(List<Object[]> priorityStatusCount) {
        Map<Priority, Map<QueueStatus, Long>> counts = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            Map<QueueStatus, Long> byStatus = new EnumMap<>(QueueStatus.class);
            STATUSES.forEach(status -> byStatus.put(status, 0L));
            counts.put(priority, byStatus);
        }
        for (Object[] row : priorityStatusCount) {
            counts.get((Priority) row[0]).put((QueueStatus) row[1], ((Number) row[2]).longValue());
        }
        return new QueueDepth(counts);
    }

    public long count(Priority priority, QueueStatus status) {
        return counts.get(priority).getOrDefault(status, 0L);
    }

    /** Open entries of one priority. */
    public long open(Priority priority) {
        return QueueStatus.OPEN.stream().mapToLong(status -> count(priority, status)).sum();
    }

    public long total(QueueStatus status) {
        return counts.values().stream().mapToLong(byStatus -> byStatus.getOrDefault(status, 0L)).sum();
    }
}
