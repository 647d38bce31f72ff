package io.backupscheduler.alert;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Starts this node's alert passes once the schema is current, and stops them before the application goes. */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class AlertStartup {
    @Inject
    AlertLoop loop;

    @PostConstruct
    void start() {
        loop.start();
    }

    @PreDestroy
    void stop() {
        loop.stop();
    }
}
