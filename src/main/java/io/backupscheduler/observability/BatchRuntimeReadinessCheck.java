package io.backupscheduler.observability;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the batch runtime answers: every run is a batch job, so without it the node can queue work but
 * not run it. Asking for the job names reads the job repository, which also proves its tables are reachable.
 */
@Readiness
@ApplicationScoped
public class BatchRuntimeReadinessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            if (operator == null) {
                return HealthCheckResponse.named("batch").down().withData("error", "no batch runtime").build();
            }
            int names = operator.getJobNames().size();
            return HealthCheckResponse.named("batch").up().withData("jobNames", names).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("batch").down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
