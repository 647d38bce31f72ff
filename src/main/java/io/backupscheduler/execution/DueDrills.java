package io.backupscheduler.execution;

import io.backupscheduler.backup.RestorePlanning;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.persistence.SkipLocked;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.queue.RunPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Queues the drills that are due: each enabled job with a drill cadence whose latest drill was queued that many
 * days ago or more, and none is open. The job's row is held (SKIP LOCKED) while it is decided, so two nodes never
 * queue the same drill twice.
 */
@ApplicationScoped
public class DueDrills {
    private static final Logger LOG = Logger.getLogger(DueDrills.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RestoreRuns runs;

    @Inject
    RestorePlanning planning;

    @Transactional
    public List<Long> jobsWithDrills() {
        return em.createQuery("select j.id from BackupJob j where j.enabled = true and j.drill.everyDays is not null order by j.id",
                Long.class).getResultList();
    }

    /** Queues the job's drill when it is due; true when it queued one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean queueIfDue(long jobId, Instant now) {
        List<BackupJob> held = SkipLocked.claim(em.createQuery("select j from BackupJob j where j.id = :id", BackupJob.class)
                .setParameter("id", jobId)).getResultList();
        if (held.isEmpty() || !held.get(0).isEnabled()) {
            return false;
        }
        BackupJob job = held.get(0);
        Object[] last = em.createQuery("select max(e.scheduledAt), sum(case when e.status in :open then 1 else 0 end) from QueueEntry e"
                        + " where e.job.id = :job and e.purpose = :drill", Object[].class)
                .setParameter("job", jobId).setParameter("drill", RunPurpose.DRILL).setParameter("open", QueueStatus.OPEN)
                .getSingleResult();
        Instant lastExecution = em.createQuery("select max(e.startedAt) from Execution e where e.jobId = :job and e.purpose = :drill",
                Instant.class).setParameter("job", jobId).setParameter("drill", RunPurpose.DRILL).getSingleResult();
        Instant lastQueued = latest((Instant) last[0], lastExecution); // entries are purged; executions outlive them
        boolean open = last[1] != null && ((Number) last[1]).longValue() > 0;
        if (!DrillRules.due(job.getDrill().getEveryDays(), lastQueued, open, now)) {
            return false;
        }
        // asked before queueing: a refusal thrown inside this transaction would roll it back, and the look with it
        if (planning.latestRestorable(jobId).isEmpty()) {
            LOG.fine(() -> "job " + jobId + " is due a drill but has no point to restore yet");
            return false;
        }
        runs.drill(jobId, "the drill cadence");
        return true;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
