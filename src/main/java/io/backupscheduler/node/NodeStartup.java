package io.backupscheduler.node;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Starts this node's heartbeat once the schema is current, and records an orderly stop. */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class NodeStartup {
    @Inject
    NodeHeartbeat heartbeat;

    @PostConstruct
    void start() {
        heartbeat.start();
    }

    @PreDestroy
    void stop() {
        heartbeat.stop();
    }
}
