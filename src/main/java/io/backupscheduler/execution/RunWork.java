package io.backupscheduler.execution;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import java.util.List;

/**
 * What a run works on, copied from its job when the run starts: an edit of the job meanwhile does not change a
 * run in progress. The command's placeholders are already expanded.
 */
public record RunWork(JobKind kind, List<String> command, List<Integer> acceptedExitCodes, List<String> sources,
                      List<String> includes, List<String> excludes, String targetPath) {
    public RunWork {
        command = List.copyOf(command);
        acceptedExitCodes = List.copyOf(acceptedExitCodes);
        sources = List.copyOf(sources);
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    static RunWork of(BackupJob job, List<String> expandedCommand) {
        return new RunWork(job.getKind(), expandedCommand, job.getAcceptedExitCodes(), job.getSources(), job.getIncludes(),
                job.getExcludes(), job.getTargetPath());
    }
}
