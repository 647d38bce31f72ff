package io.backupscheduler.observability;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the JVM has heap to work with: a process that keeps failing allocations should be restarted.
 * Database trouble is not a liveness failure (restarting would not fix it); readiness reports that.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {
    private static final double MAX_HEAP_USE = 0.98;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double share = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("application")
                .status(share < MAX_HEAP_USE)
                .withData("heapUsedMb", used / (1024 * 1024))
                .withData("heapMaxMb", runtime.maxMemory() / (1024 * 1024))
                .build();
    }
}
