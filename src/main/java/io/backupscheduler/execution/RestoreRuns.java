package io.backupscheduler.execution;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.RestorePlanning;
import io.backupscheduler.backup.RestoreSpec;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.RunPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Queues restores and drills: the request is checked whole first (nothing is queued for a bad one), then its queue
 * entry, the request beside it and the audit entry commit in one transaction. The run does the work later, through
 * the dispatcher, like any backup.
 */
@ApplicationScoped
@Transactional
public class RestoreRuns {
    private static final Logger LOG = Logger.getLogger(RestoreRuns.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    RestorePlanning planning;

    @Inject
    JobQueue queue;

    @Inject
    AuditLog audit;

    /** Queues a restore of the point; the answer is its queue entry (the run starts when a worker slot is free). */
    public QueueEntry restore(long pointId, RestoreSpec spec, Priority priority, String by) {
        RestorePlanning.Plan plan = planning.plan(pointId, spec);
        QueueEntry entry = queue.addRestore(plan.jobId(), RunPurpose.RESTORE, priority);
        planning.record(entry.getId(), plan, by);
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("queueEntryId", entry.getId());
        asked.put("paths", plan.paths());
        asked.put("destination", plan.destination());
        asked.put("existingFiles", spec.existingFiles());
        audit.record("backup.restore", "backup-point", pointId, "queued as entry " + entry.getId() + ": "
                + (plan.paths().isEmpty() ? "every file" : plan.paths().size() + " path(s)") + " to " + plan.destination()
                + (spec.existingFiles() == null ? "" : ", existing files: " + spec.existingFiles()), null, asked);
        LOG.info(() -> "restore of backup point " + pointId + " to " + plan.destination() + " queued as entry " + entry.getId() + " by " + by);
        return entry;
    }

    /** Queues a drill of the job's latest restorable point now; 409 when the job has none. */
    public QueueEntry drill(long jobId, String by) {
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new io.backupscheduler.errors.NoSuchEntityException("job", jobId);
        }
        BackupPoint point = planning.drillPoint(jobId);
        QueueEntry entry = queue.addRestore(jobId, RunPurpose.DRILL, Priority.BACKGROUND);
        planning.recordDrill(entry.getId(), point, job.getDrill().getSampleFiles(), by);
        audit.record("backup.drill", "job", jobId, "drill of backup point " + point.getId() + " queued as entry " + entry.getId()
                + (job.getDrill().getSampleFiles() == null ? "" : ", " + job.getDrill().getSampleFiles() + " files sampled"), null, null);
        LOG.info(() -> "drill of backup point " + point.getId() + " (job " + jobId + ") queued as entry " + entry.getId() + " by " + by);
        return entry;
    }
}
