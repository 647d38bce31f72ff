package io.backupscheduler.queue;

import io.backupscheduler.graph.DependencyGraph;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import io.backupscheduler.persistence.NewRowIds;
import io.backupscheduler.persistence.SkipLocked;
import jakarta.persistence.EntityManager;
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

    /**
     * Puts a run of a job, given by id, in the queue and returns the new entry's id. When nothing has to be
     * worked out first (no entry dependencies asked for, and the job depends on no other job) this is one
     * INSERT ... SELECT from the job's row, with no entity loaded; otherwise the full path of
     * {@link #enqueue(BackupJob, Priority, String, Set, DependencyFailurePolicy, Instant)}.
     */
    public long enqueue(long jobId, Priority priority, String jobData, Set<Long> dependsOn,
                        DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        DependencyFailurePolicy policy = onDependencyFailure == null ? DependencyFailurePolicy.BLOCK : onDependencyFailure;
        if (dependsOn == null || dependsOn.isEmpty()) {
            Instant now = clock.instant();
            Instant runAt = notBefore == null || notBefore.isBefore(now) ? now : notBefore;
            ReadyRow row = new ReadyRow(NewRowIds.next(em, QueueEntry.class), jobId, priority, jobData, runAt, runAt,
                    policy, null);
            if (insertReady(List.of(row), now)[0]) {
                return row.id();
            }
        }
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new NoSuchEntityException("job", jobId);
        }
        return enqueue(job, priority, jobData, dependsOn, policy, notBefore).getId();
    }

    /**
     * Queues the runs of a pass of schedule fires together: one JDBC batch of INSERT ... SELECT (ordered by their
     * fire, then by when they were queued); runs of jobs that depend on other jobs take the full path one by one.
     * Returns the new entries' ids, in the order of the runs.
     */
    public List<Long> enqueueAll(List<ScheduledRun> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<ReadyRow> rows = new ArrayList<>(runs.size());
        for (ScheduledRun run : runs) {
            rows.add(new ReadyRow(NewRowIds.next(em, QueueEntry.class), run.jobId(), run.priority(), run.jobData(),
                    run.due() == null ? now : run.due(), now, DependencyFailurePolicy.BLOCK, run.scheduleId()));
        }
        boolean[] inserted = insertReady(rows, now);
        List<Long> ids = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            if (inserted[i]) {
                ids.add(rows.get(i).id());
                continue;
            }
            ScheduledRun run = runs.get(i); // the job depends on other jobs (or was deleted meanwhile)
            BackupJob job = em.find(BackupJob.class, run.jobId());
            if (job == null) {
                throw new NoSuchEntityException("job", run.jobId());
            }
            QueueEntry entry = enqueue(job, run.priority(), run.jobData(), Set.of(), DependencyFailurePolicy.BLOCK, null);
            entry.queuedBy(run.scheduleId());
            ids.add(entry.getId());
        }
        return ids;
    }

    /** A READY entry written by SQL; the job's row supplies what is not given (priority, attempts). */
    private record ReadyRow(long id, long jobId, Priority priority, String jobData, Instant scheduledAt,
                            Instant notBefore, DependencyFailurePolicy policy, Long scheduleId) {
    }

    /**
     * Writes READY entries with one JDBC batch of INSERT ... SELECT from their jobs' rows, with no entity loaded.
     * A row is not written (false) when its job depends on other jobs (such runs need the full path) or is gone.
     */
    private boolean[] insertReady(List<ReadyRow> rows, Instant now) {
        int[] counts = em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("insert into queue_entry (id, job_id,"
                    + " priority, job_data, status, scheduled_at, not_before, attempts, attempts_ever, max_attempts,"
                    + " on_dependency_failure, schedule_id, created_at, updated_at, version)"
                    + " select ?, j.id, coalesce(?, j.priority), ?, 'READY', ?, ?, 0, 0, j.max_retries + 1, ?, ?, ?, ?, 0"
                    + " from backup_job j where j.id = ?"
                    + " and not exists (select 1 from backup_job_dependency d where d.job_id = j.id)")) {
                java.time.OffsetDateTime stamp = now.atOffset(java.time.ZoneOffset.UTC);
                for (ReadyRow row : rows) {
                    insert.setLong(1, row.id());
                    if (row.priority() == null) {
                        insert.setNull(2, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(2, row.priority().rank());
                    }
                    insert.setString(3, row.jobData());
                    insert.setObject(4, row.scheduledAt().atOffset(java.time.ZoneOffset.UTC));
                    insert.setObject(5, row.notBefore().atOffset(java.time.ZoneOffset.UTC));
                    insert.setString(6, row.policy().name());
                    if (row.scheduleId() == null) {
                        insert.setNull(7, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(7, row.scheduleId());
                    }
                    insert.setObject(8, stamp);
                    insert.setObject(9, stamp);
                    insert.setLong(10, row.jobId());
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        Set<Long> unknown = new java.util.HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                unknown.add(rows.get(i).id());
            }
        }
        Set<Long> written = unknown.isEmpty() ? Set.of() // the driver did not say which rows it wrote: ask
                : new java.util.HashSet<>(em.createQuery("select e.id from QueueEntry e where e.id in :ids", Long.class)
                .setParameter("ids", unknown).getResultList());
        boolean[] inserted = new boolean[rows.size()];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] == 1 || written.contains(rows.get(i).id());
        }
        return inserted;
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
     * locked, and leases them until now + {@code lease}; returns their ids in queue order. Expired leases are
     * reclaimed first, as failed attempts. Three statements whatever the number taken (lock, lease, attempts)
     * and no entity loaded: this is the queue's hot path.
     */
    public List<Long> claim(String node, int max, Duration lease, RetryPolicy retry, DoubleSupplier random) {
        Instant now = clock.instant();
        if (RECLAIM_EVERY.shouldRun(now)) {
            reclaimExpiredLeases(now, retry, random);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> claimable = em.createNativeQuery("select id, attempts_ever from queue_entry"
                        + " where status in ('READY', 'RETRY_WAIT') and not_before <= :now"
                        + " order by priority, scheduled_at, id fetch first " + Math.max(1, max) + " rows only"
                        + " for update skip locked")
                .setParameter("now", now)
                .getResultList();
        if (claimable.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(claimable.size());
        for (Object[] row : claimable) {
            long id = ((Number) row[0]).longValue();
            ids.add(id);
            em.persist(new QueueAttempt(id, ((Number) row[1]).intValue() + 1, node, now));
        }
        em.createQuery("update QueueEntry e set e.status = :running, e.attempts = e.attempts + 1,"
                        + " e.attemptsEver = e.attemptsEver + 1, e.leaseOwner = :node, e.leaseExpiresAt = :until,"
                        + " e.statusReason = null, e.updatedAt = :now, e.version = e.version + 1 where e.id in :ids")
                .setParameter("running", QueueStatus.RUNNING)
                .setParameter("node", node)
                .setParameter("until", now.plus(lease))
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate();
        em.flush();
        return ids;
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

    /**
     * Several runs of one node succeeded: one statement per kind of change, whatever their number, and no
     * entity loaded unless some entry waits for these.
     */
    public void complete(Collection<Long> ids, String node) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> distinct = new java.util.HashSet<>(ids);
        requireAllHeld(distinct, node);
        Instant now = clock.instant();
        int released = em.createQuery("update QueueEntry e set e.status = :done, e.finishedAt = :now,"
                        + " e.leaseOwner = null, e.leaseExpiresAt = null, e.updatedAt = :now, e.version = e.version + 1"
                        + " where e.id in :ids and e.status = :running and e.leaseOwner = :node")
                .setParameter("done", QueueStatus.SUCCEEDED)
                .setParameter("now", now)
                .setParameter("ids", distinct)
                .setParameter("running", QueueStatus.RUNNING)
                .setParameter("node", node)
                .executeUpdate();
        if (released != distinct.size()) { // a lease was taken over between the check and the update
            throw new ConflictException("lease", "entries " + distinct + " changed while being completed by " + node);
        }
        finishAttempts(distinct, now, true, null);
        evaluateDependentsOf(distinct);
        releaseJobWaitsOn(distinct);
    }

    /** Refuses, naming the first culprit, entries that do not exist or are not running on the node. */
    private void requireAllHeld(Set<Long> ids, String node) {
        Set<Long> found = new java.util.HashSet<>();
        for (Object[] row : em.createQuery("select e.id, e.status, e.leaseOwner from QueueEntry e where e.id in :ids"
                + " order by e.id", Object[].class).setParameter("ids", ids).getResultList()) {
            QueueStatus status = (QueueStatus) row[1];
            String owner = (String) row[2];
            if (status != QueueStatus.RUNNING || !node.equals(owner)) {
                throw new ConflictException("lease", "entry " + row[0] + " is not running on " + node
                        + " (status " + status + ", lease " + owner + ")");
            }
            found.add((Long) row[0]);
        }
        if (found.size() != ids.size()) {
            throw new NoSuchEntityException("queue entry", ids.stream().filter(id -> !found.contains(id)).sorted().toList());
        }
    }

    /** Entries that waited for the next success of the jobs these entries ran stop waiting for them. */
    private void releaseJobWaitsOn(Set<Long> succeeded) {
        List<Object[]> waiting = em.createQuery("select e, w from QueueEntry e join e.waitsForJobs w"
                        + " where w in (select s.job.id from QueueEntry s where s.id in :succeeded)", Object[].class)
                .setParameter("succeeded", succeeded)
                .getResultList();
        Map<QueueEntry, Set<Long>> jobsByEntry = new java.util.LinkedHashMap<>();
        for (Object[] row : waiting) {
            jobsByEntry.computeIfAbsent((QueueEntry) row[0], k -> new java.util.HashSet<>()).add((Long) row[1]);
        }
        jobsByEntry.forEach((entry, jobs) -> {
            jobs.forEach(entry::jobSucceeded);
            evaluate(entry);
        });
    }

    /**
     * Gives a claimed entry back without counting the attempt, e.g. when resources are short or its node shuts
     * down before the run started: it is READY again from {@code notBefore}, with the reason on it.
     */
    public void handBack(long id, String node, String reason, Instant notBefore) {
        QueueEntry entry = held(id, node);
        em.createQuery("delete from QueueAttempt a where a.entryId = :id and a.attempt = :attempt")
                .setParameter("id", id).setParameter("attempt", entry.getAttemptsEver()).executeUpdate();
        entry.handedBack(notBefore, reason);
        em.flush();
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

    /**
     * Cancels an open entry (queued, waiting or running) with a reason; its dependents follow their policy. A
     * running entry's node finds its lease gone when it reports back. Returns false when the entry had finished.
     */
    public boolean cancel(long id, String reason) {
        QueueEntry entry = get(id);
        if (entry.getStatus().isFinal()) {
            return false;
        }
        if (entry.getStatus() == QueueStatus.RUNNING) {
            finishAttempts(List.of(id), clock.instant(), false, "cancelled: " + reason);
        }
        entry.released(QueueStatus.CANCELLED, clock.instant(), null);
        entry.moveTo(QueueStatus.CANCELLED, reason);
        em.flush();
        evaluateDependentsOf(List.of(id));
        return true;
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

    /**
     * Hands expired leases back to the queue as failed attempts. Claiming does this too, at most once a second; a
     * node with no free slot, or a paused executor, calls this (at its own pace) so that a dead node's work is taken
     * back when its lease ends and not only when some node next has room.
     */
    public int reclaimExpiredLeases(RetryPolicy retry, DoubleSupplier random) {
        return reclaimExpiredLeases(clock.instant(), retry, random);
    }

    /** Entries whose lease ran out (their node died) count a failed attempt and may be retried. */
    int reclaimExpiredLeases(Instant now, RetryPolicy retry, DoubleSupplier random) {
        List<QueueEntry> expired = SkipLocked.claim(em.createQuery("select e from QueueEntry e where e.status = :running"
                        + " and e.leaseExpiresAt < :now order by e.id", QueueEntry.class)
                .setParameter("running", QueueStatus.RUNNING)
                .setParameter("now", now))
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
