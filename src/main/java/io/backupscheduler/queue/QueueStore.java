package io.backupscheduler.queue;

import io.backupscheduler.graph.DependencyGraph;
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
    /**
     * Leases last minutes, so looking for expired ones on every claim is wasted work under load: once a second
     * per JVM is soon enough (tests with a test clock see it at every step they take).
     */
    private static final Throttle RECLAIM_EVERY = new Throttle(Duration.ofSeconds(1));

    private static final List<QueueStatus> OPEN =
            List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RUNNING, QueueStatus.RETRY_WAIT);

    /** JPA's hint value for "skip rows another transaction has locked" (Hibernate: SKIP LOCKED per dialect). */
    private static final int SKIP_LOCKED = -2;

    /** How recent a dependency job's last success must be to count when it has no open run. */
    public static final Duration DEFAULT_JOB_DEPENDENCY_WINDOW = Duration.ofHours(24);

    private final EntityManager em;
    private final Clock clock;
    private final int maxDependencyDepth;
    private final Duration jobDependencyWindow;

    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth) {
        this(em, clock, maxDependencyDepth, DEFAULT_JOB_DEPENDENCY_WINDOW);
    }

    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth, Duration jobDependencyWindow) {
        this.em = em;
        this.clock = clock;
        this.maxDependencyDepth = maxDependencyDepth;
        this.jobDependencyWindow = jobDependencyWindow;
    }

    /** Puts a run of the job in the queue; it is READY at once unless it waits for dependencies. */
    public QueueEntry enqueue(BackupJob job, Priority priority, String jobData, Set<Long> dependsOn,
                              DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        Instant now = clock.instant();
        QueueEntry entry = new QueueEntry(job, priority == null ? job.getPriority() : priority, jobData,
                notBefore == null || notBefore.isBefore(now) ? now : notBefore, job.getMaxRetries() + 1,
                onDependencyFailure == null ? DependencyFailurePolicy.BLOCK : onDependencyFailure);
        Set<Long> entryDependencies = new java.util.LinkedHashSet<>(dependsOn == null ? Set.of() : dependsOn);
        Set<Long> jobWaits = new java.util.LinkedHashSet<>();
        for (long dependencyJob : job.getDependsOn()) {
            List<Long> open = em.createQuery("select e.id from QueueEntry e where e.job.id = :job and e.status in :open",
                            Long.class)
                    .setParameter("job", dependencyJob)
                    .setParameter("open", OPEN)
                    .getResultList();
            if (!open.isEmpty()) {
                entryDependencies.addAll(open);
            } else if (!succeededSince(dependencyJob, now.minus(jobDependencyWindow))) {
                jobWaits.add(dependencyJob);
            }
        }
        if (entryDependencies.isEmpty() && jobWaits.isEmpty()) {
            entry.moveTo(QueueStatus.READY, null); // before persisting: one insert, no update
            em.persist(entry);
            return entry;
        }
        entry.waitForJobs(jobWaits);
        em.persist(entry);
        if (entryDependencies.isEmpty()) {
            evaluate(entry);
            return entry;
        }
        return addDependencies(entry, entryDependencies);
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

    private boolean succeededSince(long jobId, Instant since) {
        return !em.createQuery("select e.id from QueueEntry e where e.job.id = :job and e.status = :done"
                        + " and e.finishedAt >= :since", Long.class)
                .setParameter("job", jobId)
                .setParameter("done", QueueStatus.SUCCEEDED)
                .setParameter("since", since)
                .setMaxResults(1)
                .getResultList().isEmpty();
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
        if (RECLAIM_EVERY.shouldRun(now)) {
            reclaimExpiredLeases(now, retry, random);
        }
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
            em.persist(new QueueAttempt(entry.getId(), entry.getAttemptsEver(), node, now));
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
        complete(List.of(id), node);
    }

    /** Several runs of one node succeeded: one statement per kind of change, whatever their number. */
    public void complete(Collection<Long> ids, String node) {
        if (ids.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<QueueEntry> entries = load(ids);
        if (entries.size() != new java.util.HashSet<>(ids).size()) {
            throw new NoSuchEntityException("queue entry", ids);
        }
        for (QueueEntry entry : entries) {
            requireHeld(entry, node);
            entry.released(QueueStatus.SUCCEEDED, now, null);
        }
        finishAttempts(ids, now, true, null);
        em.flush();
        evaluateDependentsOf(ids);
        releaseJobWaits(entries.stream().map(e -> e.getJob().getId()).collect(java.util.stream.Collectors.toSet()));
    }

    /** Entries that waited for the next success of these jobs stop waiting for them. */
    private void releaseJobWaits(Set<Long> jobIds) {
        List<QueueEntry> waiting = em.createQuery("select distinct e from QueueEntry e join e.waitsForJobs w where w in :jobs",
                        QueueEntry.class)
                .setParameter("jobs", jobIds)
                .getResultList();
        for (QueueEntry entry : waiting) {
            jobIds.forEach(entry::jobSucceeded);
            evaluate(entry);
        }
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
        finishAttempts(List.of(entry.getId()), now, false, error);
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
        evaluateDependentsOf(List.of(entry.getId()));
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
        requireHeld(entry, node);
        return entry;
    }

    private static void requireHeld(QueueEntry entry, String node) {
        if (entry.getStatus() != QueueStatus.RUNNING || !node.equals(entry.getLeaseOwner())) {
            throw new ConflictException("lease", "entry " + entry.getId() + " is not running on " + node
                    + " (status " + entry.getStatus() + ", lease " + entry.getLeaseOwner() + ")");
        }
    }

    /** The running attempt is the only unfinished one of an entry. */
    private void finishAttempts(Collection<Long> ids, Instant now, boolean succeeded, String error) {
        em.createQuery("update QueueAttempt a set a.finishedAt = :now, a.succeeded = :ok, a.error = :error"
                        + " where a.entryId in :ids and a.finishedAt is null")
                .setParameter("now", now)
                .setParameter("ok", succeeded)
                .setParameter("error", error == null ? null : error.length() > 4000 ? error.substring(0, 4000) : error)
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /** Every attempt of an entry, first first. */
    public List<QueueAttempt> attempts(long id) {
        return em.createQuery("select a from QueueAttempt a where a.entryId = :id order by a.attempt", QueueAttempt.class)
                .setParameter("id", id)
                .getResultList();
    }

    private List<QueueEntry> dependentsOf(long id) {
        return dependentsOf(List.of(id));
    }

    private List<QueueEntry> dependentsOf(Collection<Long> ids) {
        return em.createQuery("select distinct e from QueueEntry e join e.dependsOn d where d in :ids order by e.id",
                        QueueEntry.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    private void evaluateDependentsOf(Collection<Long> finished) {
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

    /** Lets an action run at most once per interval of the clock it is asked with. */
    static final class Throttle {
        private final long intervalNanos;
        private final java.util.concurrent.atomic.AtomicReference<Instant> last = new java.util.concurrent.atomic.AtomicReference<>();

        Throttle(Duration interval) {
            this.intervalNanos = interval.toNanos();
        }

        boolean shouldRun(Instant now) {
            Instant previous = last.get();
            if (previous != null && !now.isBefore(previous) && Duration.between(previous, now).toNanos() < intervalNanos) {
                return false;
            }
            return last.compareAndSet(previous, now);
        }
    }
}
