package io.backupscheduler.observability;

import io.backupscheduler.execution.ExecutorControl;
import io.backupscheduler.job.TargetDisks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while an enabled job's target has less free space than the executor admits runs with (the effective
 * {@code backup.executor.admission.min-free-disk-mb}, which an admin may override at run time): that job's backups
 * would wait for disk instead of running. The data names each short target. When the database cannot be read the
 * database check reports it; this one then says UP with "unknown" rather than double the alarm.
 */
@Readiness
@ApplicationScoped
public class TargetDiskReadinessCheck implements HealthCheck {
    @Inject
    TargetDisks disks;

    @Inject
    ExecutorControl executor;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("target-disk");
        long minFreeMb;
        List<TargetDisks.TargetSpace> targets;
        try {
            minFreeMb = executor.state().thresholds().minFreeDiskMb();
            targets = disks.enabledTargets();
        } catch (RuntimeException e) {
            return response.up().withData("targets", "unknown (the database check reports why)").build();
        }
        List<TargetDisks.TargetSpace> short_ = targets.stream().filter(t -> t.freeMb() < minFreeMb).toList();
        response.status(short_.isEmpty()).withData("minFreeMb", minFreeMb).withData("targetsChecked", targets.size());
        for (TargetDisks.TargetSpace target : short_.stream().limit(10).toList()) {
            response.withData(target.target(), target.freeMb() + " MB free (job " + target.jobId() + " '" + target.jobName() + "')");
        }
        return response.build();
    }
}
