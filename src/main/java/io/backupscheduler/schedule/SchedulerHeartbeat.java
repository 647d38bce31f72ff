package io.backupscheduler.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timer;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The safety net under {@link FiringTrigger}: an EJB timer that wakes the node about once a minute, and the first
 * wake-up when the application starts (fires missed while it was down follow their misfire policy then). The timer
 * is not persistent: each node must wake itself, watch its own files and look at its own disks, and a persistent
 * automatic timer exists once per timer database, so it ran on one node of a cluster only (and on none once that
 * node was gone). Doubled timer callbacks are harmless: firing is decided by the database.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class SchedulerHeartbeat {
    private static final Logger LOG = Logger.getLogger(SchedulerHeartbeat.class.getName());

    @Inject
    FiringTrigger trigger;

    @Inject
    SystemEvents systemEvents;

    @Inject
    FileChangeWatcher files;

    @Inject
    LowDiskMonitor disks;

    private volatile boolean stopping;

    @PostConstruct
    void start() {
        LOG.info("scheduler starting: firing what is due and arming the next wake-up");
        trigger.arm();
        files.start();
        systemEvents.raise(SystemEvent.APPLICATION_STARTED, null, null);
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Schedule(minute = "*", hour = "*", persistent = false, info = "backup scheduler heartbeat")
    void heartbeat(Timer timer) {
        if (timer.isPersistent()) { // the heartbeat of a release before it was per node, still in the timer database
            timer.cancel();
            return;
        }
        if (stopping) {
            return;
        }
        trigger.wake();
        try {
            files.refresh(); // schedules changed on other nodes
            disks.check();
        } catch (RuntimeException e) { // the database is away: next minute again, and no timer retry storm
            LOG.log(java.util.logging.Level.WARNING, "heartbeat checks failed; trying again in a minute", e);
        }
    }
}
