package io.backupscheduler.node;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * An operator's drain (cordon) of a node: it takes no new work, finishes what it runs, and stays drained across its
 * restarts until it is undrained. Its dispatcher reads the flag on every look at the queue.
 */
@ApplicationScoped
@Transactional
public class NodeDrains {
    @Inject
    NodeRows rows;

    @Inject
    ClusterNodes nodes;

    @Inject
    AuditLog audit;

    /** Drains ({@code true}) or undrains a node and returns it as it is now; unknown node: {@link NoSuchEntityException}. */
    public NodeStatus set(String id, boolean drained) {
        NodeStatus before = find(id);
        rows.setDrained(id, drained);
        audit.record(drained ? "node.drain" : "node.undrain", "node", id, drained ? "takes no new work" : "takes work again",
                Map.of("drained", before.drained()), Map.of("drained", drained));
        return find(id);
    }

    private NodeStatus find(String id) {
        return nodes.list().stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchEntityException("node", id));
    }
}
