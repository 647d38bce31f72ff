package io.backupscheduler.schedule;

import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.queue.RunFinished;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the scheduler's own events (application started, a job succeeded, failed or died, low disk) for the
 * EVENT schedules that follow them, e.g. a verify job after each backup. Raised after the change that caused
 * them commits, on a managed thread, each in its own transaction.
 */
@ApplicationScoped
public class SystemEvents {
    private static final Logger LOG = Logger.getLogger(SystemEvents.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    ScheduleFiring firing;

    @PersistenceContext
    EntityManager em;

    void runFinished(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunFinished run) {
        SystemEvent event = switch (run.status()) {
            case SUCCEEDED -> SystemEvent.JOB_SUCCEEDED;
            case DEAD -> SystemEvent.JOB_DEAD;
            case RETRY_WAIT -> SystemEvent.JOB_FAILED;
            default -> null;
        };
        if (event == null) {
            return;
        }
        var data = Json.createObjectBuilder().add("entryId", run.entryId()).add("jobId", run.jobId());
        if (run.error() != null) {
            data.add("error", run.error());
        }
        raise(event, run.jobId(), data.build().toString());
        if (run.status() == QueueStatus.DEAD) {
            raise(SystemEvent.JOB_FAILED, run.jobId(), data.build().toString()); // a death is a failure too
        }
    }

    /** Raises an event asynchronously; {@code jobId} narrows JOB_* events to the job's name. */
    public void raise(SystemEvent event, Long jobId, String data) {
        try {
            executor.execute(() -> fire(event, jobId, data));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not raise " + event.key(), e);
        }
    }

    /** Raises an event now, in the caller's thread; returns the entries queued. */
    public List<Long> fire(SystemEvent event, Long jobId, String data) {
        try {
            String subject = event.key();
            if (jobId != null) {
                List<String> names = em.createQuery("select j.name from BackupJob j where j.id = :id", String.class)
                        .setParameter("id", jobId).getResultList();
                subject = names.isEmpty() ? subject : subject + ":" + names.get(0);
            }
            return firing.fireEvent(EventType.SYSTEM, subject, data);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "system event " + event.key() + " could not fire its schedules", e);
            return List.of();
        }
    }
}
