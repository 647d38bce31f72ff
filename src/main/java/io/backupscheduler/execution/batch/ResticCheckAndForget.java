package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.ResticForget;
import io.backupscheduler.execution.ResticRepository;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.job.Retention;
import io.backupscheduler.lib.process.RunEnding;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The verify step of a RESTIC run: {@code restic check} (reading the job's subset of the data, if it asks) fails
 * the run when the repository is damaged; then the job's retention becomes {@code restic forget --prune} with the
 * same meaning (keep the last N, one a day, week or month for so many, nothing older than the maximum age), and
 * the points of the snapshots it removed go too ({@link ResticForget}).
 */
@Dependent
public class ResticCheckAndForget {
    @Inject
    ResticRepository restic;

    @Inject
    BackupPoints points;

    /** COMPLETED, FAILED or STOPPED, with the run's outcome recorded. */
    String verify(ActiveRun run) {
        ResticSettings repository = run.work().restic();
        List<String> check = new ArrayList<>(List.of("check"));
        if (repository.getCheckSubset() != null) {
            check.add("--read-data-subset=" + repository.getCheckSubset());
        }
        ResticRepository.Result checked = restic.run(run, check, null);
        if (checked.outcome().ending() == RunEnding.CANCELLED) {
            run.appendToLog("[restic] check stopped (" + checked.outcome().reason() + "): restic was killed; the snapshot stays, unchecked");
            run.ended(ExecutionStatus.CANCELLED, null, checked.outcome().reason(), null, null);
            return RunStep.STOPPED;
        }
        if (!checked.succeeded()) {
            String why = ResticRepository.failure("check", checked, repository);
            if (run.backupPointId() != null) {
                points.verified(run.backupPointId(), why);
            }
            run.ended(ExecutionStatus.FAILED, checked.outcome().exitCode(), why, null, null);
            return RunStep.FAILED;
        }
        if (run.backupPointId() != null) {
            points.verified(run.backupPointId(), null);
        }
        run.appendToLog("[verify] restic check found no errors" + (repository.getCheckSubset() == null ? ""
                : " (data read: " + repository.getCheckSubset() + ")"));
        forget(run, repository, run.work().retention());
        run.ended(ExecutionStatus.SUCCEEDED, null, null, null, null);
        return RunStep.COMPLETED;
    }

    /** restic forget --prune by the job's retention; a failure only warns, as pruning a directory job's points does. */
    private void forget(ActiveRun run, ResticSettings repository, Retention retention) {
        List<String> arguments = ResticForget.arguments(run.jobId(), retention, false);
        if (arguments.isEmpty()) {
            return;
        }
        List<String> output = new ArrayList<>();
        ResticRepository.Result forgot = restic.run(run, arguments, output::add);
        if (!forgot.succeeded()) {
            run.appendToLog("[retention] " + ResticRepository.failure("forget", forgot, repository) + "; the snapshots stay");
            return;
        }
        List<String> removed = ResticForget.removedSnapshots(output);
        for (BackupPoint point : points.forgetSnapshots(run.jobId(), removed)) {
            run.appendToLog("[retention] removed backup point " + point.getId() + " (snapshot " + point.getSnapshotId() + " of "
                    + point.getStartedAt() + ")");
        }
        run.appendToLog("[retention] restic forget removed " + removed.size() + " snapshot(s) and pruned the repository");
    }
}
