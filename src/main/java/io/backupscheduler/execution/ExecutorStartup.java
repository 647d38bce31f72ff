package io.backupscheduler.execution;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this node's dispatcher and its look for due restore drills once the database schema is current, and purges execution history hourly (a
 * persistent timer: with the database timer store one node of a cluster runs it, another when that node is gone).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class ExecutorStartup {
    private static final Logger LOG = Logger.getLogger(ExecutorStartup.class.getName());

    @Inject
    Dispatcher dispatcher;

    @Inject
    ExecutionHousekeeping housekeeping;

    @Inject
    RestoreDrills drills;

    @PostConstruct
    void start() {
        dispatcher.start();
        drills.start();
    }

    /** Ends this node's work while the application is still whole (before its CDI beans and persistence go). */
    @PreDestroy
    void stop() {
        dispatcher.shutdown();
    }

    @Schedule(minute = "17", hour = "*", persistent = true, info = "execution history purge")
    void purgeHistory() {
        try {
            housekeeping.purge();
        } catch (RuntimeException e) { // the database is away: next hour again, and no timer retry storm
            LOG.log(Level.WARNING, "purging execution history failed; trying again in an hour", e);
        }
    }
}
