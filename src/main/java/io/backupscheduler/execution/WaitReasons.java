package io.backupscheduler.execution;

import io.backupscheduler.limit.LimitUsage;
import io.backupscheduler.limit.SharedLimits;
import io.backupscheduler.node.ClusterNodes;
import io.backupscheduler.node.LivePlacement;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Why a queued run has not started, in the words the queue view and the API show: its dependencies, its backoff,
 * a node its placement allows, a free unit of a shared limit, the node its job prefers, or the host's resources.
 */
@ApplicationScoped
public class WaitReasons {
    @Inject
    ClusterNodes nodes;

    @Inject
    SharedLimits limits;

    @Inject
    @ConfigProperty(name = "backup.placement.prefer-wait-seconds", defaultValue = "120")
    long preferWaitSeconds;

    /** The cluster as it is now (live nodes' labels, how full each limit is), read once for a whole list of entries. */
    public Snapshot now() {
        return new Snapshot(nodes.livePlacement(), limits.usage(), Instant.now(), Duration.ofSeconds(preferWaitSeconds));
    }

    /** One look at the cluster, to explain any number of entries with. */
    public record Snapshot(LivePlacement placement, Map<String, LimitUsage> limits, Instant at, Duration preferWait) {

        /** What the entry waits for, or null when nothing holds it (it is running, over, or starts at the next look). */
        public String why(QueueEntry entry) {
            QueueStatus status = entry.getStatus();
            if (status == QueueStatus.PENDING) {
                return entry.getDependsOn().isEmpty() ? "waits for the next success of the jobs it depends on"
                        : "waits for its dependencies to succeed: " + entry.getDependsOn().stream().sorted().map(id -> "#" + id)
                        .collect(Collectors.joining(", "));
            }
            if (status != QueueStatus.READY && status != QueueStatus.RETRY_WAIT) {
                return null;
            }
            if (entry.getNotBefore() != null && entry.getNotBefore().isAfter(at)) {
                String reason = entry.getStatusReason();
                return reason != null && reason.startsWith("waiting for resources")
                        ? "waits for resources until " + entry.getNotBefore() + reason.substring("waiting for resources".length())
                        : status == QueueStatus.RETRY_WAIT ? "retries at " + entry.getNotBefore() + " (backoff after a failed attempt)"
                        : "not before " + entry.getNotBefore();
            }
            String node = placement.whyWaiting(entry.getJob().getPlacement());
            if (node != null) {
                return node;
            }
            String limit = LimitUsage.whyWaiting(entry.getJob().getSharedLimits(), limits);
            if (limit != null) {
                return limit;
            }
            String preferred = entry.getJob().isPreferLastNode() ? entry.getJob().getLastSuccessNode() : null;
            if (preferred != null && entry.getNotBefore() != null && entry.getNotBefore().plus(preferWait).isAfter(at)) {
                return "left to " + preferred + ", the node of its job's last success, until " + entry.getNotBefore().plus(preferWait)
                        + "; then any node";
            }
            return null;
        }
    }
}
