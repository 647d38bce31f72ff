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
        Collection<Long> ids = entry.getDependsOn();
        QueueEntry failed = null;
        boolean allDone = true;
        for (QueueEntry dependency : load(ids)) {
            QueueStatus status = dependency.getStatus();
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
            String reason = "dependency " + failed.getId() + " is " + failed.getStatus();
            if (entry.getOnDependencyFailure() == DependencyFailurePolicy.SKIP) {
                entry.released(QueueStatus.CANCELLED, clock.instant(), null);
                entry.moveTo(QueueStatus.CANCELLED, "skipped: " + reason);
            } else {
                entry.moveTo(QueueStatus.BLOCKED, reason);
            }
        } else if (!entry.getWaitsForJobs().isEmpty()) {
            entry.moveTo(QueueStatus.PENDING, "waits for the next success of job " + entry.getWaitsForJobs().stream()
                    .sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (allDone ? "" : " and for entries " + waitingFor(ids)));
        } else if (allDone) {
            entry.moveTo(QueueStatus.READY, null);
        } else {
            entry.moveTo(QueueStatus.PENDING, "waits for " + waitingFor(ids));
        }
    }

    private String waitingFor(Collection<Long> ids) {
        return load(ids).stream().filter(e -> e.getStatus() != QueueStatus.SUCCEEDED)
                .map(e -> e.getId().toString()).sorted().reduce((a, b) -> a + ", " + b).orElse("nothing");
    }

    private List<QueueEntry> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select e from QueueEntry e where e.id in :ids", QueueEntry.class)
                .setParameter("ids", ids)
                .getResultList();
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
