package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupRestore;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunControl;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.execution.RunStopped;
import io.backupscheduler.lib.archive.Restorer;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The work of restore-job: restores the request's files with their hashes checked, reporting files and bytes done
 * of the totals as it goes and listing every restored file beside the run's log. A drill restores into the run's
 * scratch directory, reads every file back and compares its hash again, then deletes the scratch copy whatever the
 * outcome. A failure names the file it stopped at and says how many were restored before it. A restic snapshot is
 * restored by restic ({@link ResticRestore}).
 */
@Named("restoreBatchlet")
@Dependent
public class RestoreBatchlet extends RunStep {
    @Inject
    BackupRestore restore;

    @Inject
    RunSettings settings;

    @Inject
    ResticRestore resticRestore;

    @Override
    String work(ActiveRun run) {
        Path scratch = run.directory().resolve("drill-scratch");
        Path staging = run.directory().resolve("copy-staging");
        try {
            return restore(run, scratch, staging);
        } finally {
            deleteTree(staging);
        }
    }

    private String restore(ActiveRun run, Path scratch, Path staging) {
        BackupRestore.Prepared prepared;
        try {
            prepared = restore.prepare(run.entryId(), run.jobId(), run.isDrill(), scratch, staging, run.executionId());
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, null, "the restore cannot start: " + e.getMessage(), null, null);
            return FAILED;
        }
        boolean drill = prepared.request().isDrill();
        String what = (drill ? "drill of backup point " : "restore of backup point ") + prepared.point().getId();
        long[] totals = prepared.totals();
        run.progress(0, totals[0], 0, totals[1]);
        run.appendToLog(String.format(Locale.ROOT, "[restore] %s (%s of %s) into %s: %d files, %d bytes%s%s", what,
                prepared.point().getKind(), prepared.point().getStartedAt(), prepared.destination(), totals[0], totals[1],
                prepared.request().getPaths().isEmpty() ? "" : "; paths: " + String.join(", ", prepared.request().getPaths()),
                prepared.request().getExistingFiles() == null ? "" : "; existing files: " + prepared.request().getExistingFiles())
                + (prepared.request().isFromCopy() ? "; read from the point's copy on its job's copy target" : ""));
        RunControl control = settings.controlFor(run);
        try (RestoredFiles restored = new RestoredFiles(run, totals)) {
            try {
                if (prepared.point().getKind() == BackupKind.RESTIC) {
                    return resticRestore.restore(run, prepared, restored, what, drill);
                }
                return restoreAndRecord(run, prepared, control, restored, what, drill);
            } finally {
                recorder.restored(run.executionId(), restored.count(), restored.bytes());
            }
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, null, what + " failed: " + e.getMessage(), null, null);
            return FAILED;
        } finally {
            if (drill) {
                deleteTree(scratch);
            }
        }
    }

    private String restoreAndRecord(ActiveRun run, BackupRestore.Prepared prepared, RunControl control, RestoredFiles restored,
                                    String what, boolean drill) throws IOException {
        try {
            Restorer.Result result = prepared.restore(control, restored);
            run.appendToLog(String.format(Locale.ROOT, "[restore] %d files restored (%d bytes, every hash checked), %d skipped as they"
                    + " exist; the list is in %s", result.files(), result.bytes(), result.skipped(), restored.file()));
            if (drill) {
                return proveRestored(run, prepared, control, what, result);
            }
            run.ended(ExecutionStatus.SUCCEEDED, null, null, null, null);
            return COMPLETED;
        } catch (Restorer.Failed e) {
            restored.flush();
            run.appendToLog("[restore] failed: " + e.getMessage());
            List<String> before = restored.firstLines(1_000);
            before.forEach(path -> run.appendToLog("[restore] restored before the failure: " + path));
            run.ended(ExecutionStatus.FAILED, null, what + " failed: " + e.getMessage() + "; " + e.restoredBefore()
                    + " files were restored before it (listed in the run's log)", null, null);
            return FAILED;
        } catch (RunStopped e) {
            run.appendToLog("[restore] stopped (" + e.getMessage() + ") after " + restored.count() + " files; those are in "
                    + restored.file() + ", the file in progress was removed");
            throw e;
        }
    }

    private static String proveRestored(ActiveRun run, BackupRestore.Prepared prepared, RunControl control, String what,
                                        Restorer.Result result) {
        List<String> problems = prepared.verifyRestored(control);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> run.appendToLog("[drill] " + problem));
            run.ended(ExecutionStatus.FAILED, null, what + " failed: " + problems.size() + " restored files do not match the"
                    + " manifest, e.g. " + problems.get(0), null, null);
            return FAILED;
        }
        run.appendToLog("[drill] backup point " + prepared.point().getId() + " is restorable: " + result.files()
                + " files restored and read back, every hash matches; the scratch copy is deleted");
        run.ended(ExecutionStatus.SUCCEEDED, null, null, null, null);
        return COMPLETED;
    }

    /** Removes a run's scratch or staging directory, quietly: it goes with the run's history anyway. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // the run directory goes with the run's history; a leftover scratch file is named in no result
        }
    }
}
