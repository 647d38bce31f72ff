package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.RestorePlanning;
import io.backupscheduler.backup.RestoreRequest;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.job.AllowedPaths;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * First step of restore-job: the request is still there and its destination still allowed (configuration may have
 * narrowed the restore roots since it was queued) and writable. A drill restores into its run's own directory.
 */
@Named("restoreCheckBatchlet")
@Dependent
public class RestoreCheckBatchlet extends RunStep {
    @Inject
    RestorePlanning planning;

    @Inject
    AllowedPaths allowedPaths;

    @Override
    String work(ActiveRun run) {
        if (run.isDrill()) {
            return COMPLETED; // a drill restores into its run's own directory
        }
        RestoreRequest request = planning.request(run.entryId(), run.jobId(), false);
        Optional<String> problem = allowedPaths.problem(request.getDestination(), AllowedPaths.Use.RESTORE)
                .or(() -> writable(Path.of(request.getDestination())));
        if (problem.isPresent()) {
            run.ended(ExecutionStatus.FAILED, null, problem.get(), null, null);
            return FAILED;
        }
        return COMPLETED;
    }

    /** The destination, or the nearest directory above it that exists, can be written. */
    private static Optional<String> writable(Path destination) {
        Path existing = destination;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Optional.of("destination " + destination + " cannot be written" + (existing == null ? "" : " (" + existing
                    + " is not a writable directory)"));
        }
        return Optional.empty();
    }
}
