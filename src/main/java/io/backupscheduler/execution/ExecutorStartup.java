package io.backupscheduler.execution;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Starts this node's dispatcher once the database schema is current. */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class ExecutorStartup {
    @Inject
    Dispatcher dispatcher;

    @PostConstruct
    void start() {
        dispatcher.start();
    }
}
