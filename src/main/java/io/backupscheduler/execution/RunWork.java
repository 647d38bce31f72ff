package io.backupscheduler.execution;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.job.Retention;
import io.backupscheduler.queue.RunPurpose;
import java.util.List;

/**
 * What a run works on (its purpose, and for a backup the job's definition), copied from its job when the run starts: an edit of the job meanwhile does not change a
 * run in progress. The command's placeholders are already expanded.
 */
public record RunWork(RunPurpose purpose, JobKind kind, List<String> command, List<Integer> acceptedExitCodes, List<String> sources,
                      List<String> includes, List<String> excludes, String targetPath, ResticSettings restic, Retention retention, boolean encrypt) {
    public RunWork {
        command = List.copyOf(command);
        acceptedExitCodes = List.copyOf(acceptedExitCodes);
        sources = List.copyOf(sources);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        restic = restic == null ? new ResticSettings() : restic.copy();
        retention = retention == null ? new Retention() : retention.copy();
    }

    static RunWork of(RunPurpose purpose, BackupJob job, List<String> expandedCommand) {
        return new RunWork(purpose, job.getKind(), expandedCommand, job.getAcceptedExitCodes(), job.getSources(), job.getIncludes(),
                job.getExcludes(), job.getTargetPath(), job.getRestic(), job.getRetention(), job.isEncrypt());
    }
}
