package io.backupscheduler.execution;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.node.NodeAdmission;
import io.backupscheduler.node.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import io.backupscheduler.persistence.NativeValues;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The executor's state shared by every node, kept in the database: paused or not, and admission thresholds
 * that an admin set at run time over the configured defaults (a null override means the configured value); a node
 * may set its own thresholds over those ({@code backup.node.admission.*}), which its dispatcher then uses.
 */
@ApplicationScoped
@Transactional
public class ExecutorControl {
    private static final Logger LOG = Logger.getLogger(ExecutorControl.class.getName());

    /** The stored state: paused, who last changed it and when, and the thresholds now in force. */
    public record State(boolean paused, Instant changedAt, String changedBy, AdmissionThresholds thresholds,
                        AdmissionThresholds configured) {
    }

    /** Admission overrides to store; null fields return to the configured value. */
    public record ThresholdOverrides(Integer maxCpuPercent, Long minFreeMemoryMb, Long minFreeDiskMb,
                                     Long maxDiskIoMbPerSecond, Long maxNetworkMbPerSecond) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.max-cpu-percent", defaultValue = "95")
    int maxCpuPercent;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.min-free-memory-mb", defaultValue = "256")
    long minFreeMemoryMb;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.min-free-disk-mb", defaultValue = "1024")
    long minFreeDiskMb;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.max-disk-io-mb-per-second", defaultValue = "0")
    long maxDiskIoMbPerSecond;

    @Inject
    @ConfigProperty(name = "backup.executor.admission.max-network-mb-per-second", defaultValue = "0")
    long maxNetworkMbPerSecond;

    @Inject
    AuditLog audit;

    @Inject
    NodeIdentity self;

    /** What a node's dispatcher reads on every look at the queue: the shared state and whether that node is drained. */
    public record NodeView(State state, boolean drained) {
    }

    public State state() {
        return read("").state();
    }

    /** The shared state and whether {@code node} is drained (an operator's drain, on its {@code cluster_node} row), in one query. */
    public NodeView stateFor(String node) {
        return read(node);
    }

    private NodeView read(String node) {
        Object[] row = (Object[]) em.createNativeQuery("select paused, changed_at, changed_by, max_cpu_percent, min_free_memory_mb,"
                        + " min_free_disk_mb, max_disk_io_mb_per_second, max_network_mb_per_second,"
                        + " (select n.drained from cluster_node n where n.id = :node) from executor_state where id = 1")
                .setParameter("node", node)
                .getSingleResult();
        AdmissionThresholds configured = configured();
        AdmissionThresholds cluster = new AdmissionThresholds(
                row[3] == null ? configured.maxCpuPercent() : ((Number) row[3]).intValue(),
                row[4] == null ? configured.minFreeMemoryMb() : ((Number) row[4]).longValue(),
                row[5] == null ? configured.minFreeDiskMb() : ((Number) row[5]).longValue(),
                row[6] == null ? configured.maxDiskIoMbPerSecond() : ((Number) row[6]).longValue(),
                row[7] == null ? configured.maxNetworkMbPerSecond() : ((Number) row[7]).longValue());
        AdmissionThresholds effective = node.equals(self.id()) ? overriddenBy(cluster, self.admission()) : cluster;
        return new NodeView(new State((Boolean) row[0], NativeValues.instant(row[1]), (String) row[2], effective, configured),
                Boolean.TRUE.equals(row[8]));
    }

    /** The cluster's thresholds with what this node sets over them ({@code backup.node.admission.*}). */
    static AdmissionThresholds overriddenBy(AdmissionThresholds cluster, NodeAdmission node) {
        return new AdmissionThresholds(
                node.maxCpuPercent() == null ? cluster.maxCpuPercent() : node.maxCpuPercent(),
                node.minFreeMemoryMb() == null ? cluster.minFreeMemoryMb() : node.minFreeMemoryMb(),
                node.minFreeDiskMb() == null ? cluster.minFreeDiskMb() : node.minFreeDiskMb(),
                node.maxDiskIoMbPerSecond() == null ? cluster.maxDiskIoMbPerSecond() : node.maxDiskIoMbPerSecond(),
                node.maxNetworkMbPerSecond() == null ? cluster.maxNetworkMbPerSecond() : node.maxNetworkMbPerSecond());
    }

    public AdmissionThresholds configured() {
        return new AdmissionThresholds(maxCpuPercent, minFreeMemoryMb, minFreeDiskMb, maxDiskIoMbPerSecond, maxNetworkMbPerSecond);
    }

    public State setPaused(boolean paused, String by) {
        boolean before = state().paused();
        em.createNativeQuery("update executor_state set paused = :paused, changed_at = :now, changed_by = :by where id = 1")
                .setParameter("paused", paused).setParameter("now", Instant.now()).setParameter("by", by).executeUpdate();
        audit.record(paused ? "executor.pause" : "executor.resume", "executor", null, null, java.util.Map.of("paused", before),
                java.util.Map.of("paused", paused));
        LOG.info(() -> "executor " + (paused ? "paused" : "resumed") + " by " + by);
        return state();
    }

    public State setThresholds(ThresholdOverrides overrides, String by) {
        AdmissionThresholds before = state().thresholds();
        em.createNativeQuery("update executor_state set max_cpu_percent = :cpu, min_free_memory_mb = :memory,"
                        + " min_free_disk_mb = :disk, max_disk_io_mb_per_second = :io, max_network_mb_per_second = :network,"
                        + " changed_at = :now, changed_by = :by where id = 1")
                .setParameter("cpu", overrides.maxCpuPercent())
                .setParameter("memory", overrides.minFreeMemoryMb())
                .setParameter("disk", overrides.minFreeDiskMb())
                .setParameter("io", overrides.maxDiskIoMbPerSecond())
                .setParameter("network", overrides.maxNetworkMbPerSecond())
                .setParameter("now", Instant.now()).setParameter("by", by).executeUpdate();
        State state = state();
        audit.record("executor.admission", "executor", null, null, before, state.thresholds());
        LOG.info(() -> "admission thresholds set by " + by + ": " + state.thresholds());
        return state;
    }
}
