package io.backupscheduler.queue;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;

/**
 * The queue on one {@link EntityManager}, inside the caller's transaction, in three parts: {@link #intake()}
 * (entries and dependencies in), {@link #leases()} (work handed to nodes) and {@link #outcomes()} (what became of
 * it). Plain Java around JPA, so that it runs the same in the server and in tests against a real database.
 */
public final class QueueStore {
    /** How recent a dependency job's last success must be to count when it has no open run. */
    public static final Duration DEFAULT_JOB_DEPENDENCY_WINDOW = Duration.ofHours(24);
    /** How long other nodes leave a run to the node of its job's last success (backup.placement.prefer-wait-seconds). */
    public static final Duration DEFAULT_PREFER_WAIT = Duration.ofMinutes(2);

    private final EntityManager em;
    private final int maxDependencyDepth;
    private final Duration jobDependencyWindow;
    private final QueueIntake intake;
    private final QueueLeases leases;
    private final QueueOutcomes outcomes;

    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth) {
        this(em, clock, maxDependencyDepth, DEFAULT_JOB_DEPENDENCY_WINDOW);
    }

    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth, Duration jobDependencyWindow) {
        this(em, clock, maxDependencyDepth, jobDependencyWindow, DEFAULT_PREFER_WAIT);
    }

    /** {@code preferWait}: how long other nodes leave a run to the node of its job's last success, when the job asks so. */
    public QueueStore(EntityManager em, Clock clock, int maxDependencyDepth, Duration jobDependencyWindow, Duration preferWait) {
        this.em = em;
        this.maxDependencyDepth = maxDependencyDepth;
        this.jobDependencyWindow = jobDependencyWindow;
        QueueDependencies dependencies = new QueueDependencies(em, clock);
        this.intake = new QueueIntake(this, em, clock, dependencies);
        this.leases = new QueueLeases(this, em, clock, preferWait);
        this.outcomes = new QueueOutcomes(this, em, clock, dependencies);
    }

    public QueueIntake intake() {
        return intake;
    }

    public QueueLeases leases() {
        return leases;
    }

    public QueueOutcomes outcomes() {
        return outcomes;
    }

    public QueueEntry get(long id) {
        QueueEntry entry = em.find(QueueEntry.class, id);
        if (entry == null) {
            throw new NoSuchEntityException("queue entry", id);
        }
        return entry;
    }

    /** The entry, refused (409) unless it is running under the node's lease. */
    QueueEntry held(long id, String node) {
        QueueEntry entry = get(id);
        if (entry.getStatus() != QueueStatus.RUNNING || !node.equals(entry.getLeaseOwner())) {
            throw new ConflictException("lease", "entry " + entry.getId() + " is not running on " + node
                    + " (status " + entry.getStatus() + ", lease " + entry.getLeaseOwner() + ")");
        }
        return entry;
    }

    int maxDependencyDepth() {
        return maxDependencyDepth;
    }

    Duration jobDependencyWindow() {
        return jobDependencyWindow;
    }
}
