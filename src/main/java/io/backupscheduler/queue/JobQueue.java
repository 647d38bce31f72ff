package io.backupscheduler.queue;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import io.backupscheduler.settings.SharedSettings;
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
 * The queue's commands as users and nodes give them: add, depend, chain, claim, renew, hand back, complete, fail,
 * cancel, retry and purge dead letters, remove, clear. Each runs in one transaction; the rules live in
 * {@link QueueStore}'s parts, and what the queue looks like is {@link QueueReports}.
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
    @ConfigProperty(name = "backup.placement.prefer-wait-seconds", defaultValue = "120")
    long preferWaitSeconds;

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
    SharedSettings settings;

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
        return new QueueStore(em, clock, settings.maxDependencyDepth(), Duration.ofHours(jobDependencyWindowHours),
                Duration.ofSeconds(preferWaitSeconds));
    }

    @Inject
    AuditLog audit;

    public QueueEntry add(long jobId, Priority priority, String jobData, Set<Long> dependsOn,
                          DependencyFailurePolicy onDependencyFailure, Instant notBefore) {
        QueueStore store = store();
        long id = store.intake().enqueue(jobId, priority, jobData, dependsOn, onDependencyFailure, notBefore);
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

    /**
     * Queues a restore or a drill of the job in the caller's transaction; the caller records what it restores beside
     * the entry and audits it, so that the entry and its request commit together.
     */
    public QueueEntry addRestore(long jobId, RunPurpose purpose, Priority priority) {
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new NoSuchEntityException("job", jobId);
        }
        QueueEntry entry = store().intake().enqueueRestore(job, purpose, priority);
        LOG.info(() -> "queue entry " + entry.getId() + " (" + purpose + " of job " + jobId + " '" + job.getName() + "') queued");
        queued.fire(new WorkQueued(1));
        return entry;
    }

    /** Queues the runs of a pass of schedule fires in the caller's transaction (the fires'); ids in order. */
    public List<Long> addForSchedules(List<ScheduledRun> runs) {
        List<Long> ids = store().intake().enqueueAll(runs);
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
                .setParameter("open", QueueStatus.OPEN)
                .getResultList()) {
            open.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Long) row[1]);
        }
        return open;
    }

    /** Cancels an open entry with a reason; false when it had already finished. */
    public boolean cancel(long id, String reason) {
        boolean cancelled = store().outcomes().cancel(id, reason);
        if (cancelled) {
            LOG.info(() -> "queue entry " + id + " (job " + jobOf(id) + ") CANCELLED: " + reason);
        }
        return cancelled;
    }

    public QueueEntry addDependencies(long entryId, Set<Long> dependsOn) {
        QueueStore store = store();
        QueueEntry entry = store.intake().addDependencies(store.get(entryId), dependsOn);
        audit.record("queue.depend", "queue-entry", entryId, "now waits for " + dependsOn, null, null);
        return entry;
    }

    public List<QueueEntry> chain(List<Long> entries) {
        List<QueueEntry> chained = store().intake().chain(entries);
        audit.record("queue.chain", "queue-entry", entries.isEmpty() ? null : entries.get(0), "chained " + entries, null, null);
        return chained;
    }

    /**
     * Gets the next work for a node: up to {@code max} entries in queue order, leased to it, of jobs placed nowhere in
     * particular or on labels the node has ({@code labels}, its {@code backup.node.labels}).
     */
    public List<QueueEntry> claim(String node, Collection<String> labels, int max, Duration lease) {
        QueueStore store = store();
        return store.leases().claim(node, labels, max, lease, retry, () -> ThreadLocalRandom.current().nextDouble()).stream()
                .map(store::get).toList();
    }

    /** Takes expired leases back now, not only at the next claim: for a node with no free slot or a paused executor. */
    public int reclaimExpiredLeases() {
        return store().leases().reclaimExpiredLeases(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Keeps a long run's lease alive; refused (409) when the node no longer holds it. */
    public void renewLease(long id, String node, Duration lease) {
        store().leases().renewLease(id, node, lease);
    }

    /** Gives a claimed entry back unrun (no attempt counted); it waits until {@code notBefore} with the reason shown. */
    public void handBack(long id, String node, String reason, Instant notBefore) {
        store().leases().handBack(id, node, reason, notBefore);
    }

    public void complete(long id, String node) {
        QueueStore store = store();
        store.outcomes().complete(id, node);
        long job = jobOf(id);
        LOG.info(() -> "queue entry " + id + " (job " + job + ") SUCCEEDED on node " + node);
        finished.fire(new RunFinished(id, job, QueueStatus.SUCCEEDED, null));
    }

    /** Records a failed run; true when the entry will be retried, false when it went to the dead letters. */
    public boolean fail(long id, String node, String error) {
        QueueStore store = store();
        boolean retried = store.outcomes().fail(id, node, error, retry, () -> ThreadLocalRandom.current().nextDouble());
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

    public List<QueueAttempt> attempts(long id) {
        return store().outcomes().attempts(id);
    }

    public QueueEntry retryDead(long id) {
        QueueEntry entry = store().outcomes().retryDead(id);
        audit.record("deadletter.retry", "queue-entry", id, "job " + entry.getJob().getName(), null, null);
        LOG.info(() -> "queue entry " + id + " (job " + entry.getJob().getId() + ") READY again: dead letter retried by hand");
        queued.fire(new WorkQueued(1));
        return entry;
    }

    /** Removes an entry (not while it runs); for dead letters this is the purge. */
    public void remove(long id) {
        store().outcomes().remove(id);
        audit.record("queue.remove", "queue-entry", id, null, null, null);
    }

    public void purgeDead(long id) {
        QueueEntry entry = store().get(id);
        if (entry.getStatus() != QueueStatus.DEAD) {
            throw new ConflictException("status", "entry " + id + " is " + entry.getStatus() + ", not DEAD");
        }
        store().outcomes().remove(id);
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

    private long jobOf(long entryId) {
        return em.createQuery("select e.job.id from QueueEntry e where e.id = :id", Long.class)
                .setParameter("id", entryId).getSingleResult();
    }

    private long count(QueueStatus status) {
        return em.createQuery("select count(e) from QueueEntry e where e.status = :status", Long.class)
                .setParameter("status", status).getSingleResult();
    }
}
