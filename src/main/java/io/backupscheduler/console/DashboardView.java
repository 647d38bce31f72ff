package io.backupscheduler.console;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.BackupJobService;
import io.backupscheduler.job.JobCounts;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import io.backupscheduler.alert.AlertRuleService;
import io.backupscheduler.execution.ExecutionTrends;
import io.backupscheduler.execution.RestoreProofs;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueDepth;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.schedule.ScheduleService;
import io.backupscheduler.schedule.ScheduleTimeline;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import io.backupscheduler.node.ClusterNodes;
import io.backupscheduler.node.NodeDrains;
import io.backupscheduler.node.NodeStatus;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.security.CurrentUser;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;

/**
 * The landing page: runs per hour, the queue by priority, the success rate, durations per job, the next fires,
 * dead letters and open alerts, and the jobs. Built per request; the page's poll refreshes it every ten seconds.
 */
@Named
@RequestScoped
public class DashboardView {
    @Inject
    BackupJobService jobs;

    @Inject
    ExecutionTrends trends;

    @Inject
    QueueReports queue;

    @Inject
    ScheduleService schedules;

    @Inject
    ScheduleTimeline timeline;

    @Inject
    AlertRuleService alerts;

    @Inject
    ClusterNodes clusterNodes;

    @Inject
    NodeDrains drains;

    @Inject
    CurrentUser currentUser;

    @Inject
    RestoreProofs proofs;

    private JobCounts counts;
    private List<BackupJob> recentlyChanged;
    private QueueDepth depth;
    private ExecutionTrends.SuccessRate successRate;
    private List<ExecutionTrends.JobDurations> durations;
    private long openAlerts;
    private List<NodeStatus> nodes;
    private List<DrillRow> drills;

    @PostConstruct
    void load() {
        Instant now = Instant.now();
        counts = jobs.counts();
        recentlyChanged = jobs.search(JobQuery.all(), new PageRequest(0, 5, List.of(SortOrder.desc("updatedAt")))).items();
        depth = queue.depth();
        successRate = trends.successRate(now.minus(Duration.ofHours(24)));
        durations = trends.durations(now.minus(Duration.ofDays(7)), 10);
        long[] total = new long[1];
        alerts.history(new AlertRuleService.AlertQuery(null, true), 0, 1, total);
        openAlerts = total[0];
        nodes = clusterNodes.list();
        drills = proofs.ofDrilledJobs(20).entrySet().stream().map(e -> new DrillRow(e.getKey(), e.getValue())).toList();
    }

    /** A job with restore drills on the dashboard: when it was last proven restorable and how its latest drill ended. */
    public static final class DrillRow {
        private final String jobName;
        private final RestoreProofs.Proof proof;

        DrillRow(String jobName, RestoreProofs.Proof proof) {
            this.jobName = jobName;
            this.proof = proof;
        }

        public String getJobName() {
            return jobName;
        }

        public long getJobId() {
            return proof.jobId();
        }

        public Instant getLastProvenAt() {
            return proof.lastProvenAt();
        }

        public String getLatest() {
            return proof.latestStatus() == null ? "none yet" : proof.latestStatus().name();
        }

        public Long getLatestExecution() {
            return proof.latestExecution();
        }

        public boolean isFailing() {
            return proof.latestStatus() != null && proof.latestStatus() != io.backupscheduler.execution.ExecutionStatus.SUCCEEDED;
        }
    }

    public List<DrillRow> getDrills() {
        return drills;
    }

    public List<NodeStatus> getNodes() {
        return nodes;
    }

    /** An operator drains a node (it takes no new work, finishes what it runs) or undrains it. */
    public void toggleDrain(String nodeId, boolean drain) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!currentUser.isOperator()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Only operators and admins may drain a node.", null));
            return;
        }
        try {
            NodeStatus node = drains.set(nodeId, drain);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, node.drained()
                    ? "Node " + nodeId + " is drained: it takes no new work and finishes the " + node.running() + " run(s) it has."
                    : "Node " + nodeId + " takes work again.", null));
        } catch (NoSuchEntityException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        nodes = clusterNodes.list();
    }

    /** The tag colour of a node's state. */
    public String severity(NodeStatus node) {
        return switch (node.state()) {
            case ALIVE -> "success";
            case SILENT -> "danger";
            case STOPPED -> "secondary";
        };
    }

    /** "4 s ago", "3 min ago", "2 h ago": how long since a heartbeat. */
    public String ago(Instant at) {
        long seconds = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        return seconds < 7200 ? seconds / 60 + " min ago" : seconds / 3600 + " h ago";
    }

    public String getRunsChart() {
        return DashboardCharts.runsPerHour(trends.runsPerHour(Instant.now(), 24));
    }

    public String getQueueChart() {
        return DashboardCharts.queueDepth(depth);
    }

    public String getDurationChart() {
        return DashboardCharts.durations(durations);
    }

    public List<ExecutionTrends.JobDurations> getDurations() {
        return durations;
    }

    /** "97.5%", or a dash when nothing finished in the last 24 hours. */
    public String getSuccessRate() {
        Double percent = successRate.percent();
        return percent == null ? "–" : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    public long getFinishedRuns() {
        return successRate.succeeded() + successRate.failed();
    }

    public long getFailedRuns() {
        return successRate.failed();
    }

    public long getDeadLetters() {
        return depth.total(QueueStatus.DEAD);
    }

    public long getQueued() {
        return java.util.Arrays.stream(Priority.values()).mapToLong(depth::open).sum();
    }

    public long getOpenAlerts() {
        return openAlerts;
    }

    public List<ScheduleTimeline.Forecast> getNextFires() {
        return timeline.upcoming(10);
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
