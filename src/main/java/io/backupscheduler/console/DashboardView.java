package io.backupscheduler.console;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobCounts;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** The landing page: how many jobs there are and which changed last. */
@Named
@RequestScoped
public class DashboardView {
    @Inject
    BackupJobService jobs;

    private JobCounts counts;
    private List<BackupJob> recentlyChanged;

    @PostConstruct
    void load() {
        counts = jobs.counts();
        recentlyChanged = jobs.search(JobQuery.all(), new PageRequest(0, 5, List.of(SortOrder.desc("updatedAt")))).items();
    }

    public long getTotal() {
        return counts.total();
    }

    public long getEnabled() {
        return counts.enabled();
    }

    public long getDisabled() {
        return counts.total() - counts.enabled();
    }

    public long getDirectoryJobs() {
        return counts.ofKind(JobKind.DIRECTORY);
    }

    public long getCommandJobs() {
        return counts.ofKind(JobKind.COMMAND);
    }

    public List<PriorityCount> getByPriority() {
        return Arrays.stream(Priority.values()).map(p -> new PriorityCount(p, counts.ofPriority(p))).toList();
    }

    public List<BackupJob> getRecentlyChanged() {
        return recentlyChanged;
    }

    /** A row of the priority table (a JavaBean: Faces EL does not read record accessors). */
    public static final class PriorityCount {
        private final Priority priority;
        private final long count;

        PriorityCount(Priority priority, long count) {
            this.priority = priority;
            this.count = count;
        }

        public Priority getPriority() {
            return priority;
        }

        public long getCount() {
            return count;
        }
    }
}
