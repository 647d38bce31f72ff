package io.backupscheduler.node;

import io.backupscheduler.persistence.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cluster as the database sees it: every node with its last heartbeat and the runs it has in progress. A node
 * is {@link NodeState#ALIVE} while its heartbeats arrive, {@link NodeState#SILENT} once three in a row are missing
 * (it crashed, or cannot reach the database), {@link NodeState#STOPPED} after an orderly shutdown.
 */
@ApplicationScoped
public class ClusterNodes {
    /** Heartbeats a node may miss before it counts as silent. */
    static final int MISSED_BEATS = 3;

    @PersistenceContext
    EntityManager em;

    @Inject
    NodeIdentity self;

    @Inject
    NodeHeartbeat heartbeat;

    public List<NodeStatus> list() {
        Instant now = Instant.now();
        Duration silentAfter = heartbeat.interval().multipliedBy(MISSED_BEATS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.id, n.host, n.pid, n.started_at, n.last_seen_at, n.stopped_at,"
                        + " (select count(*) from execution e where e.node = n.id and e.status = 'RUNNING'), n.labels, n.drained, n.admission"
                        + " from cluster_node n order by n.id")
                .getResultList();
        return rows.stream().map(row -> {
            Instant lastSeen = NativeValues.instant(row[4]);
            Instant stoppedAt = NativeValues.instant(row[5]);
            return new NodeStatus((String) row[0], (String) row[1], ((Number) row[2]).longValue(), labels((String) row[7]),
                    NativeValues.instant(row[3]), lastSeen, stoppedAt,
                    NodeState.of(stoppedAt, lastSeen, now, silentAfter), ((Number) row[6]).intValue(), Boolean.TRUE.equals(row[8]), (String) row[9],
                    self.id().equals(row[0]));
        }).toList();
    }

    /** The live nodes' labels now, to say why placed work waits. */
    public LivePlacement livePlacement() {
        return LivePlacement.of(list());
    }

    /** The labels a row holds; a row another version wrote with a label this one refuses shows it as it is. */
    private static List<String> labels(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
    }
}
