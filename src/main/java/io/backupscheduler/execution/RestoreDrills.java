package io.backupscheduler.execution;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks for due restore drills on every node, every {@code backup.drills.check-seconds}; {@link DueDrills} decides
 * and queues them, one job per transaction.
 */
@ApplicationScoped
public class RestoreDrills {
    private static final Logger LOG = Logger.getLogger(RestoreDrills.class.getName());

    @Inject
    DueDrills due;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "backup.drills.check-seconds", defaultValue = "300")
    long checkSeconds;

    private ScheduledFuture<?> task;

    /** Looks for due drills every {@code backup.drills.check-seconds}; called once at application start. */
    public synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::queueDue, checkSeconds, checkSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One look: every job with a cadence, each in its own transaction; a failure waits for the next look. */
    void queueDue() {
        try {
            Instant now = Instant.now();
            for (long jobId : due.jobsWithDrills()) {
                try {
                    due.queueIfDue(jobId, now);
                } catch (RuntimeException e) { // one job's trouble does not hold up the others' drills
                    LOG.log(Level.WARNING, "the restore drill of job " + jobId + " could not be queued", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking for due restore drills failed; trying again in " + checkSeconds + " s", e);
        }
    }

}
