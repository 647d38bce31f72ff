package io.backupscheduler.node;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's heartbeat in {@code cluster_node}: written at start, refreshed every
 * {@code backup.node.heartbeat-seconds}, and marked stopped on an orderly shutdown. A node that dies (kill -9, a
 * lost machine) simply stops refreshing; {@link ClusterNodes} reports it as silent.
 */
@ApplicationScoped
public class NodeHeartbeat {
    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    NodeIdentity node;

    @Inject
    NodeRows rows;

    @Inject
    @ConfigProperty(name = "backup.node.heartbeat-seconds", defaultValue = "10")
    long heartbeatSeconds;

    private final Instant startedAt = Instant.now();
    private final String host = NodeIdentity.host(); // once: a name lookup per beat could stall on a slow resolver
    private volatile ScheduledFuture<?> periodic;

    public void start() {
        beat();
        periodic = executor.scheduleWithFixedDelay(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
        LOG.info(() -> "node " + node.id() + " joined the cluster; heartbeat every " + heartbeatSeconds + " s; labels: "
                + (node.labels().isEmpty() ? "none (it runs only jobs placed nowhere in particular)" : node.labels()));
    }

    /** How often this node beats; the others are expected to beat as often. */
    public java.time.Duration interval() {
        return java.time.Duration.ofSeconds(heartbeatSeconds);
    }

    public void stop() {
        ScheduledFuture<?> task = periodic;
        if (task != null) {
            task.cancel(false);
        }
        try {
            rows.markStopped(node.id(), Instant.now());
        } catch (RuntimeException e) { // the database is away: the row goes silent instead
            LOG.log(Level.FINE, "could not record that node " + node.id() + " stopped", e);
        }
    }

    void beat() {
        try {
            rows.seen(node.id(), host, ProcessHandle.current().pid(), node.labels().toString(),
                    node.admission().isEmpty() ? null : node.admission().toString(), startedAt, Instant.now());
        } catch (RuntimeException e) { // the database is away: the next beat tries again
            LOG.log(Level.FINE, "node heartbeat not written", e);
        }
    }
}
