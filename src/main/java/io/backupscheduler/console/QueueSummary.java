package io.backupscheduler.console;

import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueStatistics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The queue's statistics, read once per request however many figures a page shows. */
@Named
@RequestScoped
public class QueueSummary {
    @Inject
    QueueReports queue;

    private QueueStatistics statistics;

    @PostConstruct
    void load() {
        statistics = queue.statistics();
    }

    public long count(String status) {
        return statistics.byStatus().getOrDefault(status, 0L);
    }

    public long getSize() {
        return statistics.size();
    }

    public long getOldestReadyAgeSeconds() {
        return statistics.oldestReadyAgeSeconds();
    }

    public long getCompletedLastHour() {
        return statistics.completedLastHour();
    }

    public String getMeanWait() {
        return String.format("%.1f s", statistics.meanWaitSeconds());
    }
}
