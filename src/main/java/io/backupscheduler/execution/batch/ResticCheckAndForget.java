package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.ResticRepository;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.job.Retention;
import io.backupscheduler.lib.process.RunEnding;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The verify step of a RESTIC run: {@code restic check} (reading the job's subset of the data, if it asks) fails
 * the run when the repository is damaged; then the job's retention becomes {@code restic forget --prune} with the
 * same meaning (keep the last N, one a day, week or month for so many, nothing older than the maximum age), and
 * the points of the snapshots it removed go too.
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
        List<String> keep = keepArguments(retention);
        if (keep.isEmpty()) {
            return;
        }
        List<String> arguments = new ArrayList<>(List.of("forget", "--json", "--prune"));
        arguments.addAll(keep);
        List<String> output = new ArrayList<>();
        ResticRepository.Result forgot = restic.run(run, arguments, output::add);
        if (!forgot.succeeded()) {
            run.appendToLog("[retention] " + ResticRepository.failure("forget", forgot, repository) + "; the snapshots stay");
            return;
        }
        List<String> removed = removedSnapshots(output);
        for (BackupPoint point : points.forgetSnapshots(run.jobId(), removed)) {
            run.appendToLog("[retention] removed backup point " + point.getId() + " (snapshot " + point.getSnapshotId() + " of "
                    + point.getStartedAt() + ")");
        }
        run.appendToLog("[retention] restic forget removed " + removed.size() + " snapshot(s) and pruned the repository");
    }

    /** The job's retention in restic's words; empty when it keeps everything. */
    static List<String> keepArguments(Retention retention) {
        List<String> keep = new ArrayList<>();
        if (retention.getKeepLast() != null) {
            keep.add("--keep-last=" + retention.getKeepLast());
        }
        if (retention.getKeepDaily() != null) {
            keep.add("--keep-daily=" + retention.getKeepDaily());
        }
        if (retention.getKeepWeekly() != null) {
            keep.add("--keep-weekly=" + retention.getKeepWeekly());
        }
        if (retention.getKeepMonthly() != null) {
            keep.add("--keep-monthly=" + retention.getKeepMonthly());
        }
        if (retention.getMaxAgeDays() != null) {
            keep.add("--keep-within=" + retention.getMaxAgeDays() + "d");
        }
        return keep;
    }

    /** The ids of the snapshots in the "remove" lists of restic forget's JSON answer (its first JSON line). */
    static List<String> removedSnapshots(List<String> output) {
        List<String> removed = new ArrayList<>();
        for (String line : output) {
            String text = line.strip();
            if (!text.startsWith("[")) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                JsonArray groups = reader.readArray();
                for (JsonValue group : groups) {
                    JsonArray remove = group.asJsonObject().getJsonArray("remove");
                    for (JsonValue snapshot : remove == null ? JsonValue.EMPTY_JSON_ARRAY : remove) {
                        JsonObject object = snapshot.asJsonObject();
                        removed.add(object.containsKey("id") ? object.getString("id") : object.getString("short_id"));
                    }
                }
                return removed;
            } catch (RuntimeException e) {
                // not the answer: restic's own text output
            }
        }
        return removed;
    }
}
