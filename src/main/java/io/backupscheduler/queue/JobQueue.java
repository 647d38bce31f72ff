package io.backupscheduler.queue;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The queue's operations as users know them: add, depend, chain, claim, complete, fail, status, statistics,
 * dead letters, retry, remove, clear. Each runs in one transaction; the rules live in {@link QueueStore}.
 */
@ApplicationScoped
@Transactional
public class JobQueue {
    private static final Logger LOG = Logger.getLogger(JobQueue.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<RunFinished> finished;

    @Inject
    Event<WorkQueued> queued;

    @Inject
    @ConfigProperty(name = "backup.queue.retry.initial-delay-seconds", defaultValue = "30")
    long initialDelaySeconds;

    @Inject
    @ConfigProperty(name = "backup.queue.retry.multiplier", defaultValue = "2.0")
    double multiplier;

    @Inject
    @ConfigProperty(name = "backup.queue.retry.max-delay-seconds", defaultValue = "3600")
    long maxDelaySeconds;

    @Inject
    @ConfigProperty(name = "backup.queue.retry.jitter", defaultValue = "0.2")
    double jitter;

    @Inject
    @ConfigProperty(name = "backup.queue.max-dependency-depth", defaultValue = "20")
    int maxDependencyDepth;

    @Inject
    @ConfigProperty(name = "backup.queue.job-dependency-window-hours", defaultValue = "24")
    long jobDependencyWindowHours;

    private RetryPolicy retry;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void configure() {
        retry = new RetryPolicy(Duration.ofSeconds(initialDelaySeconds), multiplier, Duration.ofSeconds(maxDelaySeconds),
                1, jitter);
    }

    private QueueStore store() {
        return new QueueStore(em, clock, maxDependencyDepth, Duration.ofHours(jobDependencyWindowHours));
    }

    @Inject
    AuditLog audit;

    public QueueEntry add(long jobId, Priority priority, String jobData, Set<Long> dependsOn,
                          DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        QueueStore store = store();
        long id = store.enqueue(jobId, priority, jobData, dependsOn, onDependencyFailure, notBefore);
        QueueEntry entry = store.get(id);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("jobId", jobId);
        added.put("priority", entry.getPriority());
        added.put("data", jobData);
        added.put("dependsOn", dependsOn == null ? List.of() : dependsOn);
        audit.record("queue.add", "queue-entry", id, "job " + entry.getJob().getName() + " (" + entry.getPriority() + ")", null, added);
        LOG.info(() -> "queue entry " + id + " (job " + jobId + " '" + entry.getJob().getName() + "') queued: "
                + entry.getStatus() + ", " + entry.getPriority());
        queued.fire(new WorkQueued(1));
        return entry;
    }

    /** Queues the runs of a pass of schedule fires in the caller's transaction (the fires'); ids in order. */
    public List<Long> addForSchedules(List<ScheduledRun> runs) {
        List<Long> ids = store().enqueueAll(runs);
        if (!ids.isEmpty()) {
            queued.fire(new WorkQueued(ids.size()));
        }
        return ids;
    }

    /** The ids of the runs of these schedules that are queued, waiting or running, by schedule; one query. */
    public Map<Long, List<Long>> openRunsOf(Collection<Long> scheduleIds) {
        Map<Long, List<Long>> open = new LinkedHashMap<>();
        if (scheduleIds.isEmpty()) {
            return open;
        }
        for (Object[] row : em.createQuery("select e.scheduleId, e.id from QueueEntry e where e.scheduleId in :schedules"
                        + " and e.status in :open order by e.id", Object[].class)
                .setParameter("schedules", scheduleIds)
                .setParameter("open", List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RUNNING, QueueStatus.RETRY_WAIT))
                .getResultList()) {
            open.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]);
        }
        return open;
    }

    /** Cancels an open entry with a reason; false when it had already finished. */
    public boolean cancel(long id, String reason) {
        boolean cancelled = store().cancel(id, reason);
        if (cancelled) {
            LOG.info(() -> "queue entry " + id + " (job " + jobOf(id) + ") CANCELLED: " + reason);
        }
        return cancelled;
    }

    public QueueEntry addDependencies(long entryId, Set<Long> dependsOn) {
        QueueStore store = store();
        QueueEntry entry = store.addDependencies(store.get(entryId), dependsOn);
        audit.record("queue.depend", "queue-entry", entryId, "now waits for " + dependsOn, null, null);
        return entry;
    }

    public List<QueueEntry> chain(List<Long> entries) {
        List<QueueEntry> chained = store().chain(entries);
        audit.record("queue.chain", "queue-entry", entries.isEmpty() ? null : entries.get(0), "chained " + entries, null, null);
        return chained;
    }

    /** Gets the next work for a node: up to {@code max} entries in queue order, leased to it. */
    public List<QueueEntry> claim(String node, int max, Duration lease) {
        QueueStore store = store();
        return store.claim(node, max, lease, retry, () -> ThreadLocalRandom.current().nextDouble()).stream()
                .map(store::get).toList();
    }

    /** Takes expired leases back now, not only at the next claim: for a node with no free slot or a paused executor. */
    public int reclaimExpiredLeases() {
        return store().reclaimExpiredLeases(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Keeps a long run's lease alive; refused (409) when the node no longer holds it. */
    public void renewLease(long id, String node, Duration lease) {
        store().renewLease(id, node, lease);
    }

    /** Gives a claimed entry back unrun (no attempt counted); it waits until {@code notBefore} with the reason shown. */
    public void handBack(long id, String node, String reason, Instant notBefore) {
        store().handBack(id, node, reason, notBefore);
    }

    public void complete(long id, String node) {
        QueueStore store = store();
        store.complete(id, node);
        long job = jobOf(id);
        LOG.info(() -> "queue entry " + id + " (job " + job + ") SUCCEEDED on node " + node);
        finished.fire(new RunFinished(id, job, QueueStatus.SUCCEEDED, null));
    }

    /** Records a failed run; true when the entry will be retried, false when it went to the dead letters. */
    public boolean fail(long id, String node, String error) {
        QueueStore store = store();
        boolean retried = store.fail(id, node, error, retry, () -> ThreadLocalRandom.current().nextDouble());
        QueueEntry entry = store.get(id);
        long job = entry.getJob().getId();
        if (retried) {
            LOG.warning(() -> "queue entry " + id + " (job " + job + ") RETRY_WAIT: attempt " + entry.getAttempts() + " of "
                    + entry.getMaxAttempts() + " failed, next at " + entry.getNotBefore() + ": " + error);
        } else {
            LOG.severe(() -> "queue entry " + id + " (job " + job + ") DEAD after " + entry.getAttempts()
                    + " attempts, in the dead-letter queue: " + error);
        }
        finished.fire(new RunFinished(id, job, retried ? QueueStatus.RETRY_WAIT : QueueStatus.DEAD, error));
        return retried;
    }

    public QueueEntry get(long id) {
        return store().get(id);
    }

    /** The status of each of these entries that still exists, in one query. */
    public Map<Long, QueueStatus> statusesOf(Collection<Long> ids) {
        Map<Long, QueueStatus> statuses = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select e.id, e.status from QueueEntry e where e.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                statuses.put((Long) row[0], (QueueStatus) row[1]);
            }
        }
        return statuses;
    }

    public List<QueueAttempt> attempts(long id) {
        return store().attempts(id);
    }

    public QueueEntry retryDead(long id) {
        QueueEntry entry = store().retryDead(id);
        audit.record("deadletter.retry", "queue-entry", id, "job " + entry.getJob().getName(), null, null);
        LOG.info(() -> "queue entry " + id + " (job " + entry.getJob().getId() + ") READY again: dead letter retried by hand");
        queued.fire(new WorkQueued(1));
        return entry;
    }

    /** Removes an entry (not while it runs); for dead letters this is the purge. */
    public void remove(long id) {
        store().remove(id);
        audit.record("queue.remove", "queue-entry", id, null, null, null);
    }

    public void purgeDead(long id) {
        QueueEntry entry = store().get(id);
        if (entry.getStatus() != QueueStatus.DEAD) {
            throw new ConflictException("status", "entry " + id + " is " + entry.getStatus() + ", not DEAD");
        }
        store().remove(id);
        audit.record("deadletter.purge", "queue-entry", id, "job " + entry.getJob().getName(), null, null);
    }

    /** Removes every entry; refused while some run, unless forced (their nodes then fail to complete them). */
    public long clear(boolean force) {
        long running = count(QueueStatus.RUNNING);
        if (running > 0 && !force) {
            throw new ConflictException("force", (running == 1 ? "1 entry is" : running + " entries are")
                    + " running; pass force=true to clear anyway");
        }
        // dependencies, job waits and attempts go with their entries (ON DELETE CASCADE)
        int removed = em.createNativeQuery("delete from queue_entry").executeUpdate();
        audit.record("queue.clear", "queue", null, removed + " entries removed" + (force ? " (forced)" : ""), null, null);
        return removed;
    }

    public Page<QueueEntry> search(Set<QueueStatus> statuses, Priority priority, PageRequest page) {
        String where = " where e.status in :statuses" + (priority == null ? "" : " and e.priority = :priority");
        Set<QueueStatus> wanted = statuses == null || statuses.isEmpty() ? Set.of(QueueStatus.values()) : statuses;
        var count = em.createQuery("select count(e) from QueueEntry e" + where, Long.class).setParameter("statuses", wanted);
        var select = em.createQuery("select e from QueueEntry e" + where + " order by e.priority, e.scheduledAt, e.id",
                QueueEntry.class).setParameter("statuses", wanted);
        if (priority != null) {
            count.setParameter("priority", priority);
            select.setParameter("priority", priority);
        }
        List<QueueEntry> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(items, count.getSingleResult(), page.page(), page.size());
    }

    public long size() {
        return em.createQuery("select count(e) from QueueEntry e where e.status in :open", Long.class)
                .setParameter("open", List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RUNNING, QueueStatus.RETRY_WAIT))
                .getSingleResult();
    }

    /** Entries by priority and status, for every status but the two that only grow with history. */
    public QueueDepth depth() {
        return QueueDepth.of(em.createQuery("select e.priority, e.status, count(e) from QueueEntry e where e.status in :counted"
                        + " group by e.priority, e.status", Object[].class)
                .setParameter("counted", QueueDepth.STATUSES).getResultList());
    }

    public QueueStatistics statistics() {
        Instant now = clock.instant();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (QueueStatus status : QueueStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        for (Object[] row : em.createQuery("select e.status, count(e) from QueueEntry e group by e.status", Object[].class)
                .getResultList()) {
            byStatus.put(((QueueStatus) row[0]).name(), (Long) row[1]);
        }
        Map<String, Long> byPriority = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            byPriority.put(priority.name(), 0L);
        }
        for (Object[] row : em.createQuery("select e.priority, count(e) from QueueEntry e where e.status in :open"
                        + " group by e.priority", Object[].class)
                .setParameter("open", List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RUNNING, QueueStatus.RETRY_WAIT))
                .getResultList()) {
            byPriority.put(((Priority) row[0]).name(), (Long) row[1]);
        }
        Instant oldestReady = em.createQuery("select min(e.notBefore) from QueueEntry e where e.status = :ready", Instant.class)
                .setParameter("ready", QueueStatus.READY).getSingleResult();
        List<Object[]> started = em.createQuery("select e.scheduledAt, min(a.startedAt) from QueueAttempt a, QueueEntry e"
                        + " where a.entryId = e.id and a.startedAt >= :since group by e.id, e.scheduledAt", Object[].class)
                .setParameter("since", now.minus(Duration.ofDays(1))).getResultList();
        List<Long> waits = new ArrayList<>();
        for (Object[] row : started) {
            waits.add(Math.max(0, Duration.between((Instant) row[0], (Instant) row[1]).toMillis()));
        }
        long completed = em.createQuery("select count(e) from QueueEntry e where e.status = :done and e.finishedAt >= :since",
                        Long.class)
                .setParameter("done", QueueStatus.SUCCEEDED).setParameter("since", now.minus(Duration.ofHours(1)))
                .getSingleResult();
        return new QueueStatistics(byStatus, byPriority,
                oldestReady == null ? 0 : Math.max(0, Duration.between(oldestReady, now).toSeconds()),
                waits.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0, completed, size());
    }

    private long jobOf(long entryId) {
        return em.createQuery("select e.job.id from QueueEntry e where e.id = :id", Long.class)
                .setParameter("id", entryId).getSingleResult();
    }

    private long count(QueueStatus status) {
        return em.createQuery("select count(e) from QueueEntry e where e.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
