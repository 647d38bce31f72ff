package io.backupscheduler.queue;

import io.backupscheduler.lib.graph.DependencyGraph;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How entries wait for each other: an entry's state given its dependencies and its job waits, the dependents a
 * finished entry lets go (or blocks, or skips, as each chose), and the stored dependency edges as a graph.
 */
final class QueueDependencies {
    private final EntityManager em;
    private final Clock clock;

    QueueDependencies(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    List<QueueEntry> dependentsOf(long id) {
        return dependentsOf(List.of(id));
    }

    List<QueueEntry> dependentsOf(Collection<Long> ids) {
        return em.createQuery("select distinct e from QueueEntry e join e.dependsOn d where d in :ids order by e.id",
                        QueueEntry.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    void evaluateDependentsOf(Collection<Long> finished) {
        Deque<QueueEntry> todo = new ArrayDeque<>(dependentsOf(finished));
        while (!todo.isEmpty()) {
            QueueEntry dependent = todo.poll();
            QueueStatus before = dependent.getStatus();
            evaluate(dependent);
            if (dependent.getStatus() != before && dependent.getStatus().isFinal()) {
                todo.addAll(dependentsOf(dependent.getId()));
            }
        }
    }

    /** A PENDING or READY entry's state given its dependencies now. */
    void evaluate(QueueEntry entry) {
        if (entry.getStatus() != QueueStatus.PENDING && entry.getStatus() != QueueStatus.READY) {
            return;
        }
        Map<Long, QueueStatus> statuses = statusesOf(entry.getDependsOn());
        Map.Entry<Long, QueueStatus> failed = null;
        boolean allDone = true;
        for (Map.Entry<Long, QueueStatus> dependency : statuses.entrySet()) {
            QueueStatus status = dependency.getValue();
            boolean broken = status == QueueStatus.DEAD || status == QueueStatus.BLOCKED || status == QueueStatus.CANCELLED;
            if (broken && entry.getOnDependencyFailure() != DependencyFailurePolicy.RUN_ANYWAY) {
                failed = dependency;
                break;
            }
            if (status != QueueStatus.SUCCEEDED && !broken) {
                allDone = false;
            }
        }
        if (failed != null) {
            String reason = "dependency " + failed.getKey() + " is " + failed.getValue();
            if (entry.getOnDependencyFailure() == DependencyFailurePolicy.SKIP) {
                entry.released(QueueStatus.CANCELLED, clock.instant(), null);
                entry.moveTo(QueueStatus.CANCELLED, "skipped: " + reason);
            } else {
                entry.moveTo(QueueStatus.BLOCKED, reason);
            }
        } else if (!entry.getWaitsForJobs().isEmpty()) {
            entry.moveTo(QueueStatus.PENDING, "waits for the next success of job " + entry.getWaitsForJobs().stream()
                    .sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (allDone ? "" : " and for entries " + waitingFor(statuses)));
        } else if (allDone) {
            entry.moveTo(QueueStatus.READY, null);
        } else {
            entry.moveTo(QueueStatus.PENDING, "waits for " + waitingFor(statuses));
        }
    }

    private static String waitingFor(Map<Long, QueueStatus> statuses) {
        return statuses.entrySet().stream().filter(e -> e.getValue() != QueueStatus.SUCCEEDED)
                .map(e -> e.getKey().toString()).reduce((a, b) -> a + ", " + b).orElse("nothing");
    }

    /**
     * The entries' statuses as the database holds them now, in id order. Not the entities: one this persistence
     * context loaded before another transaction finished it would still say RUNNING, and its dependent would wait
     * for a completion that has already happened.
     */
    private Map<Long, QueueStatus> statusesOf(Collection<Long> ids) {
        Map<Long, QueueStatus> statuses = new TreeMap<>();
        if (ids.isEmpty()) {
            return statuses;
        }
        for (Object[] row : em.createQuery("select e.id, e.status from QueueEntry e where e.id in :ids", Object[].class)
                .setParameter("ids", ids)
                .getResultList()) {
            statuses.put((Long) row[0], (QueueStatus) row[1]);
        }
        return statuses;
    }

    /** Every stored dependency edge: what a new edge could close a cycle with. */
    DependencyGraph storedGraph() {
        DependencyGraph graph = new DependencyGraph();
        Map<Long, List<Long>> edges = new HashMap<>();
        for (Object[] row : em.createQuery("select e.id, d from QueueEntry e join e.dependsOn d", Object[].class)
                .getResultList()) {
            edges.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]);
        }
        edges.forEach((from, tos) -> tos.forEach(to -> graph.add(from, to)));
        return graph;
    }
}
