package io.backupscheduler.queue;

import java.util.Map;

/** Counts by status and priority, the age of the oldest ready entry, mean wait, and recent completions. */
public record QueueStatistics(Map<String, Long> byStatus, Map<String, Long> byPriority, long oldestReadyAgeSeconds,
                              double meanWaitSeconds, long completedLastHour, long size) {
}
