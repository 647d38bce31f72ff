package io.backupscheduler.api;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.CopyTarget;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.Priority;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.job.RestoreDrill;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.job.Retention;
import java.time.Instant;
import java.util.List;

/** A job definition as the API shows it. */
public record JobResponse(long id, String name, String description, JobKind kind, String sourcePath,
                          List<String> additionalSources, List<String> includes, List<String> excludes,
                          List<String> command, List<Integer> acceptedExitCodes, String targetPath, Priority priority, int maxRetries,
                          ResourceLimits limits, Retention retention, RestoreDrill drill, ResticSettings restic, CopyTarget copyTarget, boolean encrypt, boolean enabled, List<String> placement,
                          boolean preferLastNode, String lastSuccessNode, List<String> sharedLimits, List<Long> dependsOn, Instant createdAt,
                          Instant updatedAt, long version) {
    static JobResponse of(BackupJob job) {
        return new JobResponse(job.getId(), job.getName(), job.getDescription(), job.getKind(), job.getSourcePath(),
                job.getAdditionalSources(), job.getIncludes(), job.getExcludes(), job.getCommand(), job.getAcceptedExitCodes(),
                job.getTargetPath(), job.getPriority(), job.getMaxRetries(), job.getLimits(), job.getRetention(), job.getDrill(), job.getKind() == JobKind.RESTIC ? job.getRestic() : null,
                job.getCopyTarget().isSet() ? job.getCopyTarget() : null,
                job.isEncrypt(), job.isEnabled(), job.getPlacement(), job.isPreferLastNode(), job.getLastSuccessNode(), job.getSharedLimits(),
                List.copyOf(job.getDependsOn()), job.getCreatedAt(), job.getUpdatedAt(), job.getVersion());
    }
}
