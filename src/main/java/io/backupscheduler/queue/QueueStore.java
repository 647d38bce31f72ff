package io.backupscheduler.queue;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

/**
 * The queue's state changes on an {@link EntityManager}, inside the caller's transaction: enqueue, depend, claim
 * with a lease (SKIP LOCKED), complete, fail with backoff or die, and the consequences for dependents. Plain
 * Java around JPA, so that it runs the same in the server and in tests against a real database.
 */
public class QueueStore {
    /** JPA's hint value for "skip rows another transaction has locked" (Hibernate: SKIP LOCKED per dialect). */
    private static final int SKIP_LOCKED = -2;

    private final EntityManager em;
    private final Clock clock;
    private final int maxDependencyDepth;

    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth) {
        this.em = em;
        this.clock = clock;
        this.maxDependencyDepth = maxDependencyDepth;
    }

    /** Puts a run of the job in the queue; it is READY at once unless it waits for dependencies. */
    public QueueEntry enqueue(BackupJob job, Priority priority, String jobData, Set<Long> dependsOn,
                              DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        Instant now = clock.instant();
        QueueEntry entry = new QueueEntry(job, priority == null ? job.getPriority() : priority, jobData,
                notBefore == null || notBefore.isBefore(now) ? now : notBefore, job.getMaxRetries() + 1,
                onDependencyFailure == null ? DependencyFailurePolicy.BLOCK : onDependencyFailure);
        em.persist(entry);
        em.flush();
        if (dependsOn != null && !dependsOn.isEmpty()) {
            addDependencies(entry, dependsOn);
        } else {
            entry.moveTo(QueueStatus.READY, null);
        }
        return entry;
    }

    public QueueEntry get(long id) {
        QueueEntry entry = em.find(QueueEntry.class, id);
        if (entry == null) {
            throw new NoSuchEntityException("queue entry", id);
        }
        return entry;
    }

    /**
     * Makes an entry wait for others; refuses, changing nothing, an unknown id, a finished or running entry, a
     * cycle (409 naming it, e.g. "12 -> 15 -> 12") or a chain deeper than the configured limit.
     */
    public QueueEntry addDependencies(QueueEntry entry, Set<Long> dependsOn) {
        if (entry.getStatus() != QueueStatus.PENDING && entry.getStatus() != QueueStatus.READY) {
            throw new ConflictException("dependsOn", "entry " + entry.getId() + " is " + entry.getStatus()
                    + "; only PENDING or READY entries can wait for others");
        }
        for (long id : dependsOn) {
            if (em.find(QueueEntry.class, id) == null) {
                throw InvalidInputException.of("dependsOn", "queue entry " + id + " does not exist");
            }
        }
        DependencyGraph graph = storedGraph();
        for (long id : new TreeSet<>(dependsOn)) {
            Optional<List<Long>> cycle = graph.cycleIfAdded(entry.getId(), id);
            if (cycle.isPresent()) {
                throw new ConflictException("dependsOn", "this dependency would close the cycle "
                        + DependencyGraph.describe(cycle.get()));
            }
            graph.add(entry.getId(), id);
        }
        int depth = graph.depth(entry.getId());
        if (depth > maxDependencyDepth) {
            throw new ConflictException("dependsOn", "the chain below entry " + entry.getId() + " would be " + depth
                    + " deep; the limit is " + maxDependencyDepth + " (backup.queue.max-dependency-depth)");
        }
        entry.addDependencies(dependsOn);
        em.flush();
        evaluate(entry);
        return entry;
    }

    /** Makes each entry depend on the one before it. */
    public List<QueueEntry> chain(List<Long> ids) {
        if (ids.size() < 2) {
            throw InvalidInputException.of("entries", "a chain needs at least two entries");
        }
        List<long[]> edges;
        try {
            edges = DependencyGraph.chain(ids);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("entries", "names an entry more than once");
        }
        List<QueueEntry> entries = new ArrayList<>();
        for (long id : ids) {
            entries.add(get(id));
        }
        for (long[] edge : edges) {
            addDependencies(get(edge[0]), Set.of(edge[1]));
        }
        return entries;
    }

    /**
     * Takes up to {@code max} claimable entries in queue order for {@code node}, skipping rows other nodes hold
     * locked, and leases them until now + {@code lease}. Expired leases are reclaimed first, as failed attempts.
     */
    public List<QueueEntry> claim(String node, int max, Duration lease, RetryPolicy retry, DoubleSupplier random) {
        Instant now = clock.instant();
        reclaimExpiredLeases(now, retry, random);
        List<QueueEntry> claimable = em.createQuery("select e from QueueEntry e where e.status in :statuses"
                        + " and e.notBefore <= :now order by e.priority, e.scheduledAt, e.id", QueueEntry.class)
                .setParameter("statuses", List.of(QueueStatus.READY, QueueStatus.RETRY_WAIT))
                .setParameter("now", now)
                .setMaxResults(max)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
        for (QueueEntry entry : claimable) {
            entry.claimedBy(node, now.plus(lease));
            em.persist(new QueueAttempt(entry.getId(), entry.getAttempts(), node, now));
        }
        em.flush();
        return claimable;
    }

    /** Extends a running entry's lease; refused when the node no longer holds it. */
    public void renewLease(long id, String node, Duration lease) {
        QueueEntry entry = held(id, node);
        entry.renewLease(clock.instant().plus(lease));
    }

    /** The run succeeded: dependents whose dependencies are now all done become READY. */
    public void complete(long id, String node) {
        QueueEntry entry = held(id, node);
        Instant now = clock.instant();
        currentAttempt(entry).finish(now, true, null);
        entry.released(QueueStatus.SUCCEEDED, now, null);
        em.flush();
        evaluateDependentsOf(entry);
    }

    /**
     * The run failed: the entry waits for its backoff, or, out of attempts, dies and its dependents follow their
     * policy. Returns whether it will be retried.
     */
    public boolean fail(long id, String node, String error, RetryPolicy retry, DoubleSupplier random) {
        QueueEntry entry = held(id, node);
        return failAttempt(entry, error, retry, random);
    }

    private boolean failAttempt(QueueEntry entry, String error, RetryPolicy retry, DoubleSupplier random) {
        Instant now = clock.instant();
        currentAttempt(entry).finish(now, false, error);
        Optional<Duration> delay = retry.withMaxRetries(entry.getMaxAttempts() - 1).delayAfter(entry.getAttempts(), random);
        if (delay.isPresent()) {
            entry.released(QueueStatus.RETRY_WAIT, now, error);
            entry.waitUntil(now.plus(delay.get()));
            entry.moveTo(QueueStatus.RETRY_WAIT, "attempt " + entry.getAttempts() + " of " + entry.getMaxAttempts()
                    + " failed; next at " + now.plus(delay.get()));
            em.flush();
            return true;
        }
        entry.released(QueueStatus.DEAD, now, error);
        entry.moveTo(QueueStatus.DEAD, "failed " + entry.getAttempts() + " attempts");
        em.flush();
        evaluateDependentsOf(entry);
        return false;
    }

    /** A dead entry runs again with fresh attempts; dependents it blocked wait for it again. */
    public QueueEntry retryDead(long id) {
        QueueEntry entry = get(id);
        if (entry.getStatus() != QueueStatus.DEAD) {
            throw new ConflictException("status", "entry " + id + " is " + entry.getStatus() + ", not DEAD");
        }
        entry.resetForRetry(clock.instant());
        em.flush();
        Deque<QueueEntry> todo = new ArrayDeque<>(dependentsOf(entry.getId()));
        while (!todo.isEmpty()) {
            QueueEntry dependent = todo.poll();
            if (dependent.getStatus() == QueueStatus.BLOCKED || dependent.getStatus() == QueueStatus.CANCELLED) {
                dependent.moveTo(QueueStatus.PENDING, "waits again for entry " + id);
                todo.addAll(dependentsOf(dependent.getId()));
            }
        }
        return entry;
    }

    /** Removes an entry that is not running; its dependents lose the dependency and are evaluated again. */
    public void remove(long id) {
        QueueEntry entry = get(id);
        if (entry.getStatus() == QueueStatus.RUNNING) {
            throw new ConflictException("status", "entry " + id + " is running on " + entry.getLeaseOwner()
                    + "; cancel it first");
        }
        List<QueueEntry> dependents = dependentsOf(id);
        em.remove(entry);
        em.flush(); // the foreign keys cascade: edges to it and its attempts go with it
        for (QueueEntry dependent : dependents) {
            em.refresh(dependent);
            evaluate(dependent);
        }
    }

    /** Entries whose lease ran out (their node died) count a failed attempt and may be retried. */
    int reclaimExpiredLeases(Instant now, RetryPolicy retry, DoubleSupplier random) {
        List<QueueEntry> expired = em.createQuery("select e from QueueEntry e where e.status = :running"
                        + " and e.leaseExpiresAt < :now order by e.id", QueueEntry.class)
                .setParameter("running", QueueStatus.RUNNING)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
        for (QueueEntry entry : expired) {
            failAttempt(entry, "lease of " + entry.getLeaseOwner() + " expired at " + entry.getLeaseExpiresAt(), retry, random);
        }
        return expired.size();
    }

    private QueueEntry held(long id, String node) {
        QueueEntry entry = get(id);
        if (entry.getStatus() != QueueStatus.RUNNING || !node.equals(entry.getLeaseOwner())) {
            throw new ConflictException("lease", "entry " + id + " is not running on " + node
                    + " (status " + entry.getStatus() + ", lease " + entry.getLeaseOwner() + ")");
        }
        return entry;
    }

    private QueueAttempt currentAttempt(QueueEntry entry) {
        return em.createQuery("select a from QueueAttempt a where a.entryId = :id and a.attempt = :attempt", QueueAttempt.class)
                .setParameter("id", entry.getId())
                .setParameter("attempt", entry.getAttempts())
                .getSingleResult();
    }

    /** Every attempt of an entry, first first. */
    public List<QueueAttempt> attempts(long id) {
        return em.createQuery("select a from QueueAttempt a where a.entryId = :id order by a.attempt", QueueAttempt.class)
                .setParameter("id", id)
                .getResultList();
    }

    private List<QueueEntry> dependentsOf(long id) {
        return em.createQuery("select e from QueueEntry e join e.dependsOn d where d = :id order by e.id", QueueEntry.class)
                .setParameter("id", id)
                .getResultList();
    }

    private void evaluateDependentsOf(QueueEntry finished) {
        Deque<QueueEntry> todo = new ArrayDeque<>(dependentsOf(finished.getId()));
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
    private void evaluate(QueueEntry entry) {
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
    private DependencyGraph storedGraph() {
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
