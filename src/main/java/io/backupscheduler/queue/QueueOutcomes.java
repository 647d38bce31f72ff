package io.backupscheduler.queue;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * What became of a run: success (dependents released, job waits ended), failure (backoff or the dead letters),
 * cancel, a dead entry retried, an entry removed; and the attempts recorded on the way. Works in the caller's
 * transaction.
 */
public final class QueueOutcomes {
    private final QueueStore store;
    private final EntityManager em;
    private final Clock clock;
    private final QueueDependencies dependencies;

    /** What may wait for a finished entry: an entry depending on it, or an entry waiting for its job's next success. */
    private enum Follower { DEPENDENT, JOB_WAITER }

    QueueOutcomes(QueueStore store, EntityManager em, Clock clock, QueueDependencies dependencies) {
        this.store = store;
        this.em = em;
        this.clock = clock;
        this.dependencies = dependencies;
    }

    /** The run succeeded: dependents whose dependencies are now all done become READY. */
    public void complete(long id, String node) {
        complete(List.of(id), node);
    }

    /**
     * Several runs of one node succeeded: one statement per kind of change, whatever their number, and no
     * entity loaded unless some entry waits for these. Four statements when nothing follows them (lock, entries,
     * attempts, a look for followers): the job's last node is written only for jobs that prefer it, and followers
     * are loaded only when there are some.
     */
    public void complete(Collection<Long> ids, String node) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> distinct = new java.util.HashSet<>(ids);
        String idList = distinct.stream().map(String::valueOf) // numbers, written into native statements' text
                .collect(java.util.stream.Collectors.joining(","));
        Held held = requireAllHeld(distinct, idList, node);
        Instant now = clock.instant();
        em.createQuery("update QueueEntry e set e.status = :done, e.finishedAt = :now,"
                        + " e.leaseOwner = null, e.leaseExpiresAt = null, e.updatedAt = :now, e.version = e.version + 1"
                        + " where e.id in :ids") // locked and checked above; by id alone so the plan is the primary key's
                .setParameter("done", QueueStatus.SUCCEEDED)
                .setParameter("now", now)
                .setParameter("ids", distinct)
                .executeUpdate();
        finishAttempts(held.runningAttempts(), now, true, null);
        if (held.anyPrefersLastNode()) { // where a job that prefers the node of its last success ran last
            em.createNativeQuery("update backup_job set last_success_node = :node where prefer_last_node = true and id in"
                            + " (select job_id from queue_entry where purpose = 'BACKUP' and id in (" + idList + "))")
                    .setParameter("node", node).executeUpdate();
        }
        Set<Follower> followers = followersOf(idList);
        if (followers.contains(Follower.DEPENDENT)) {
            dependencies.evaluateDependentsOf(distinct);
        }
        if (followers.contains(Follower.JOB_WAITER)) {
            releaseJobWaitsOn(distinct);
        }
    }

    /**
     * Which kinds of followers the succeeded entries have, in one statement: most successes have none, and then
     * neither kind is loaded. Asked after the entries are updated, not with their lock: a dependency committed while
     * the lock was awaited would be missing from the lock statement's snapshot, and its entry could be left waiting.
     */
    private Set<Follower> followersOf(String idList) {
        @SuppressWarnings("unchecked")
        List<Object> kinds = em.createNativeQuery("select 'D' from queue_dependency where depends_on_id in (" + idList + ")"
                + " union select 'W' from queue_job_wait where job_id in"
                + " (select job_id from queue_entry where purpose = 'BACKUP' and id in (" + idList + "))").getResultList();
        Set<Follower> followers = java.util.EnumSet.noneOf(Follower.class);
        for (Object kind : kinds) {
            followers.add("D".equals(String.valueOf(kind).trim()) ? Follower.DEPENDENT : Follower.JOB_WAITER);
        }
        return followers;
    }

    /** Entries locked for their outcome: the number of each one's running attempt, by entry id. */
    private record Held(Map<Long, Integer> runningAttempts, boolean anyPrefersLastNode) {
    }

    /**
     * Locks the entries (in id order, so two completers cannot deadlock) and refuses, naming the first culprit, those
     * that do not exist or are not running on the node. Once locked, no takeover can change them before the commit.
     * Returns their running attempts, and whether any is a backup of a job that prefers the node of its last success.
     */
    private Held requireAllHeld(Set<Long> ids, String idList, String node) {
        Map<Long, Integer> found = new java.util.HashMap<>();
        boolean anyPrefersLastNode = false;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select q.id, q.status, q.lease_owner, case when q.purpose = 'BACKUP'"
                + " and exists (select 1 from backup_job j where j.id = q.job_id and j.prefer_last_node = true) then 1 else 0 end,"
                + " q.attempts_ever from queue_entry q where q.id in (" + idList + ") order by q.id for update").getResultList();
        for (Object[] row : rows) {
            QueueStatus status = QueueStatus.valueOf((String) row[1]);
            String owner = (String) row[2];
            if (status != QueueStatus.RUNNING || !node.equals(owner)) {
                throw new ConflictException("lease", "entry " + row[0] + " is not running on " + node
                        + " (status " + status + ", lease " + owner + ")");
            }
            found.put(((Number) row[0]).longValue(), ((Number) row[4]).intValue());
            anyPrefersLastNode |= ((Number) row[3]).intValue() == 1;
        }
        if (found.size() != ids.size()) {
            throw new NoSuchEntityException("queue entry", ids.stream().filter(id -> !found.containsKey(id)).sorted().toList());
        }
        return new Held(found, anyPrefersLastNode);
    }

    /** Entries that waited for the next success of the jobs these entries ran stop waiting for them. */
    private void releaseJobWaitsOn(Set<Long> succeeded) {
        List<Object[]> waiting = em.createQuery("select e, w from QueueEntry e join e.waitsForJobs w"
                        + " where w in (select s.job.id from QueueEntry s where s.id in :succeeded and s.purpose = :backup)", Object[].class)
                .setParameter("succeeded", succeeded)
                .setParameter("backup", RunPurpose.BACKUP)
                .getResultList();
        Map<QueueEntry, Set<Long>> jobsByEntry = new java.util.LinkedHashMap<>();
        for (Object[] row : waiting) {
            jobsByEntry.computeIfAbsent((QueueEntry) row[0], k -> new java.util.HashSet<>()).add((Long) row[1]);
        }
        jobsByEntry.forEach((entry, jobs) -> {
            jobs.forEach(entry::jobSucceeded);
            dependencies.evaluate(entry);
        });
    }

    /**
     * The run failed: the entry waits for its backoff, or, out of attempts, dies and its dependents follow their
     * policy. Returns whether it will be retried.
     */
    public boolean fail(long id, String node, String error, RetryPolicy retry, DoubleSupplier random) {
        QueueEntry entry = store.held(id, node);
        return failAttempt(entry, error, retry, random);
    }

    boolean failAttempt(QueueEntry entry, String error, RetryPolicy retry, DoubleSupplier random) {
        Instant now = clock.instant();
        finishAttempts(Map.of(entry.getId(), entry.getAttemptsEver()), now, false, error);
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
        dependencies.evaluateDependentsOf(List.of(entry.getId()));
        return false;
    }

    /** A dead entry runs again with fresh attempts; dependents it blocked wait for it again. */
    public QueueEntry retryDead(long id) {
        QueueEntry entry = store.get(id);
        if (entry.getStatus() != QueueStatus.DEAD) {
            throw new ConflictException("status", "entry " + id + " is " + entry.getStatus() + ", not DEAD");
        }
        entry.resetForRetry(clock.instant());
        em.flush();
        Deque<QueueEntry> todo = new ArrayDeque<>(dependencies.dependentsOf(entry.getId()));
        while (!todo.isEmpty()) {
            QueueEntry dependent = todo.poll();
            if (dependent.getStatus() == QueueStatus.BLOCKED || dependent.getStatus() == QueueStatus.CANCELLED) {
                dependent.moveTo(QueueStatus.PENDING, "waits again for entry " + id);
                todo.addAll(dependencies.dependentsOf(dependent.getId()));
            }
        }
        return entry;
    }

    /**
     * Cancels an open entry (queued, waiting or running) with a reason; its dependents follow their policy. A
     * running entry's node finds its lease gone when it reports back. Returns false when the entry had finished.
     */
    public boolean cancel(long id, String reason) {
        QueueEntry entry = store.get(id);
        if (entry.getStatus().isFinal()) {
            return false;
        }
        if (entry.getStatus() == QueueStatus.RUNNING) {
            finishAttempts(Map.of(id, entry.getAttemptsEver()), clock.instant(), false, "cancelled: " + reason);
        }
        entry.released(QueueStatus.CANCELLED, clock.instant(), null);
        entry.moveTo(QueueStatus.CANCELLED, reason);
        em.flush();
        dependencies.evaluateDependentsOf(List.of(id));
        return true;
    }

    /** Removes an entry that is not running; its dependents lose the dependency and are evaluated again. */
    public void remove(long id) {
        QueueEntry entry = store.get(id);
        if (entry.getStatus() == QueueStatus.RUNNING) {
            throw new ConflictException("status", "entry " + id + " is running on " + entry.getLeaseOwner()
                    + "; cancel it first");
        }
        List<QueueEntry> dependents = dependencies.dependentsOf(id);
        em.remove(entry);
        em.flush(); // the foreign keys cascade: edges to it and its attempts go with it
        for (QueueEntry dependent : dependents) {
            em.refresh(dependent);
            dependencies.evaluate(dependent);
        }
    }

    /**
     * Finishes the running attempts, given by entry id (a claim numbers an entry's attempt after all it ever had).
     * Each is named by its full (entry, attempt) key, so PostgreSQL knows each matches one row however old the
     * table's statistics. Named by entry alone, a young table's attempts were all scanned for each completion (9 ms
     * on average over a drain of 100,000 entries, 30 ms at its end) until autovacuum analysed the table.
     */
    private void finishAttempts(Map<Long, Integer> runningAttempts, Instant now, boolean succeeded, String error) {
        String keys = runningAttempts.entrySet().stream() // numbers only
                .map(e -> "(entry_id = " + e.getKey() + " and attempt = " + e.getValue() + ")")
                .collect(java.util.stream.Collectors.joining(" or "));
        var update = em.createNativeQuery("update queue_attempt set finished_at = :now, succeeded = :ok, error = "
                        + (error == null ? "null" : ":error") // a null parameter has no type PostgreSQL would accept
                        + " where (" + keys + ") and finished_at is null")
                .setParameter("now", now)
                .setParameter("ok", succeeded);
        if (error != null) {
            update.setParameter("error", error.length() > 4000 ? error.substring(0, 4000) : error);
        }
        update.executeUpdate();
    }

    /** Every attempt of an entry, first first. */
    public List<QueueAttempt> attempts(long id) {
        return em.createQuery("select a from QueueAttempt a where a.entryId = :id order by a.attempt", QueueAttempt.class)
                .setParameter("id", id)
                .getResultList();
    }
}
