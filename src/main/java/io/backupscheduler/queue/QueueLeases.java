package io.backupscheduler.queue;

import io.backupscheduler.persistence.SkipLocked;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Work handed to nodes: claiming ready entries in queue order under a lease (SKIP LOCKED, the hot path), renewing
 * it, giving an entry back unrun, and taking back the leases of nodes that died. Works in the caller's transaction.
 */
public final class QueueLeases {
    /**
     * Leases last minutes, so looking for expired ones on every claim is wasted work under load: once a second
     * per JVM is soon enough (tests with a test clock see it at every step they take).
     */
    private static final Throttle RECLAIM_EVERY = new Throttle(Duration.ofSeconds(1));
    /** The runs holding a unit of the limit {@code u.limit_name} now: the queue's RUNNING entries of jobs that use it. */
    static final String RUNNING_ON_LIMIT = "(select count(*) from queue_entry r join backup_job_shared_limit ru on ru.job_id = r.job_id"
            + " where r.status = 'RUNNING' and ru.limit_name = u.limit_name)";

    private final QueueStore store;
    private final EntityManager em;
    private final Clock clock;
    private final Duration preferWait;

    QueueLeases(QueueStore store, EntityManager em, Clock clock, Duration preferWait) {
        this.store = store;
        this.em = em;
        this.clock = clock;
        this.preferWait = preferWait;
    }

    /** As {@link #claim(String, Collection, int, Duration, RetryPolicy, DoubleSupplier)} for a node without labels. */
    public List<Long> claim(String node, int max, Duration lease, RetryPolicy retry, DoubleSupplier random) {
        return claim(node, List.of(), max, lease, retry, random);
    }

    /**
     * Takes up to {@code max} claimable entries in queue order for {@code node}, skipping rows other nodes hold
     * locked, entries whose job is placed on a label the node lacks ({@code labels}: the node's), entries another
     * node is preferred for (the job's last success, for {@code preferWait} after they became ready) and entries
     * whose job uses a shared limit with no free unit; and leases them until now + {@code lease}; returns their ids
     * in queue order. Expired leases are reclaimed first, as failed attempts. Three statements whatever the number
     * taken (lock, lease, attempts), two more when shared limits are involved, and no entity loaded: this is the
     * queue's hot path.
     */
    public List<Long> claim(String node, Collection<String> labels, int max, Duration lease, RetryPolicy retry, DoubleSupplier random) {
        Instant now = clock.instant();
        if (RECLAIM_EVERY.shouldRun(now)) {
            reclaimExpiredLeases(now, retry, random);
        }
        List<String> held = List.copyOf(labels);
        StringBuilder lacking = new StringBuilder(); // one named parameter per label: JPA expands no lists in native queries
        for (int i = 0; i < held.size(); i++) {
            lacking.append(i == 0 ? " where p.label not in (" : ", ").append(":label").append(i);
        }
        if (!held.isEmpty()) {
            lacking.append(')');
        }
        Query query = em.createNativeQuery("select id, attempts_ever, job_id,"
                        + " case when exists (select 1 from backup_job_shared_limit l where l.job_id = queue_entry.job_id) then 1 else 0 end"
                        + " from queue_entry"
                        + " where status in ('READY', 'RETRY_WAIT') and not_before <= :now"
                        // each filter asks a small uncorrelated set (jobs placed on labels the node lacks, jobs that prefer
                        // a node, jobs that use a limit), which the database hashes once per claim; only entries of those
                        // jobs meet a correlated check. Not a join: an anti-join with the (often never analysed, because
                        // empty) placement table made PostgreSQL expect one row, price the claim as a walk of the whole
                        // queue and JIT-compile it on every call (100-200 ms a claim)
                        + " and queue_entry.job_id not in (select p.job_id from backup_job_placement p" + lacking + ")"
                        + " and (queue_entry.job_id not in (select j.id from backup_job j where j.prefer_last_node = true"
                        + " and j.last_success_node is not null and j.last_success_node <> :node) or queue_entry.not_before <= :preferredUntil)"
                        + " and (queue_entry.job_id not in (select l.job_id from backup_job_shared_limit l)"
                        + " or not exists (select 1 from backup_job_shared_limit u join shared_limit s on s.name = u.limit_name"
                        + " where u.job_id = queue_entry.job_id and s.capacity <= " + RUNNING_ON_LIMIT + "))"
                        + " order by priority, scheduled_at, id fetch first " + Math.max(1, max) + " rows only"
                        + " for update skip locked")
                .setParameter("now", now)
                .setParameter("node", node)
                .setParameter("preferredUntil", now.minus(preferWait));
        for (int i = 0; i < held.size(); i++) {
            query.setParameter("label" + i, held.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> claimable = SharedLimitUnits.withFreeUnits(em, query.getResultList());
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
        QueueEntry entry = store.held(id, node);
        entry.renewLease(clock.instant().plus(lease));
    }

    /**
     * Gives a claimed entry back without counting the attempt, e.g. when resources are short or its node shuts
     * down before the run started: it is READY again from {@code notBefore}, with the reason on it.
     */
    public void handBack(long id, String node, String reason, Instant notBefore) {
        QueueEntry entry = store.held(id, node);
        em.createQuery("delete from QueueAttempt a where a.entryId = :id and a.attempt = :attempt")
                .setParameter("id", id).setParameter("attempt", entry.getAttemptsEver()).executeUpdate();
        entry.handedBack(notBefore, reason);
        em.flush();
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
            store.outcomes().failAttempt(entry, "lease of " + entry.getLeaseOwner() + " expired at " + entry.getLeaseExpiresAt(), retry, random);
        }
        return expired.size();
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
