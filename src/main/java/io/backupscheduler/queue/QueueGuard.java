package io.backupscheduler.queue;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.job.JobDeleting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Keeps other capabilities from pulling the ground from under queued work. */
@ApplicationScoped
public class QueueGuard {
    @PersistenceContext
    EntityManager em;

    /** A job whose run is under way cannot be deleted: its queued runs would go with it mid-run. */
    void refuseWhileRunning(@Observes JobDeleting deleting) {
        long running = em.createQuery("select count(e) from QueueEntry e where e.job.id = :job and e.status = :running",
                        Long.class)
                .setParameter("job", deleting.jobId())
                .setParameter("running", QueueStatus.RUNNING)
                .getSingleResult();
        if (running > 0) {
            throw new ConflictException("id", "job '" + deleting.name() + "' has " + running
                    + " run(s) under way; delete it when they have finished");
        }
    }
}
