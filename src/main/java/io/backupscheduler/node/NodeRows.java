package io.backupscheduler.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Writes of the {@code cluster_node} table, each in its own transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class NodeRows {
    @PersistenceContext
    EntityManager em;

    /** Records that the node is alive now; a node that restarts under the same id starts a new life. */
    public void seen(String id, String host, long pid, String labels, String admission, Instant startedAt, Instant now) {
        int updated = em.createNativeQuery("update cluster_node set host = :host, pid = :pid, labels = :labels, admission = :admission,"
                        + " started_at = :started, last_seen_at = :now, stopped_at = null where id = :id")
                .setParameter("host", host).setParameter("pid", pid).setParameter("labels", labels).setParameter("admission", admission)
                .setParameter("started", startedAt).setParameter("now", now).setParameter("id", id).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into cluster_node (id, host, pid, labels, admission, started_at, last_seen_at)"
                            + " values (:id, :host, :pid, :labels, :admission, :started, :now)")
                    .setParameter("id", id).setParameter("host", host).setParameter("pid", pid).setParameter("labels", labels)
                    .setParameter("admission", admission).setParameter("started", startedAt).setParameter("now", now).executeUpdate();
        }
    }

    /** Drains a node or takes it back; false when there is no such node. */
    public boolean setDrained(String id, boolean drained) {
        return em.createNativeQuery("update cluster_node set drained = :drained where id = :id")
                .setParameter("drained", drained).setParameter("id", id).executeUpdate() == 1;
    }

    public void markStopped(String id, Instant now) {
        em.createNativeQuery("update cluster_node set stopped_at = :now, last_seen_at = :now where id = :id")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }
}
