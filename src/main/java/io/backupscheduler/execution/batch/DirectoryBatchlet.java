package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.archive.DirectoryArchiver;
import io.backupscheduler.backup.archive.FileSelection;
import io.backupscheduler.backup.archive.Manifest;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunControl;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.execution.RunStopped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The work of a DIRECTORY job: one backup point of its source into its target, FULL or, when the run's data asks
 * for it ({@code {"backupKind": "INCREMENTAL"}}, from a schedule or a run) and a usable point exists, INCREMENTAL.
 * It yields to cancel, the time limit and the I/O rate between files and blocks (RunControl).
 */
@Named("directoryBatchlet")
@Dependent
public class DirectoryBatchlet extends RunStep {
    @Inject
    RunSettings settings;

    @Inject
    BackupPoints points;

    @Override
    String work(ActiveRun run) {
        BackupKind requested = requestedKind(run.runData());
        BackupPoint point = points.begin(run.jobId(), run.executionId(), requested, Path.of(run.targetPath()));
        run.backupPoint(point.getId());
        try {
            Manifest previous = point.getKind() == BackupKind.INCREMENTAL
                    ? Manifest.read(Path.of(points.get(point.getBasePointId()).getManifestPath())) : Manifest.empty();
            if (requested == BackupKind.INCREMENTAL && point.getKind() == BackupKind.FULL) {
                run.appendToLog("[backup] no earlier backup point to build on: this one is FULL");
            }
            RunControl control = settings.controlFor(run);
            FileSelection selection = new FileSelection(run.work().sources().stream().map(Path::of).toList(), run.work().includes(),
                    run.work().excludes());
            long[] expected = selection.count(control);
            run.progress(0, expected[0], 0, expected[1]);
            DirectoryArchiver.Result result = DirectoryArchiver.archive(selection, previous, point.getId(),
                    Path.of(point.getArchivePath()), control,
                    (files, bytes) -> run.progress(files, Math.max(files, expected[0]), bytes, Math.max(bytes, expected[1])));
            result.manifest().write(Path.of(point.getManifestPath()));
            points.written(point.getId(), result);
            run.appendToLog(String.format(Locale.ROOT, "[backup] %s point %d: stored %d of %d files (%d of %d bytes), %d deleted since the"
                            + " point before, archive %d bytes: %s", point.getKind(), point.getId(), result.filesStored(),
                    result.filesTotal(), result.bytesStored(), result.bytesTotal(), result.manifest().deleted().size(),
                    result.archiveBytes(), point.getArchivePath()));
            for (String changed : result.changedWhileRead()) {
                run.appendToLog("[backup] changed while it was read (stored as read; the next backup takes it again): " + changed);
            }
            return COMPLETED;
        } catch (IOException | IllegalArgumentException e) {
            points.failed(point.getId(), e.getMessage());
            run.ended(ExecutionStatus.FAILED, null, "backup failed: " + e.getMessage(), null, null);
            return FAILED;
        } catch (RunStopped e) {
            points.failed(point.getId(), "stopped: " + e.getMessage());
            throw e;
        }
    }

    static BackupKind requestedKind(String runData) {
        if (runData == null || runData.isBlank()) {
            return BackupKind.FULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(runData))) {
            if (reader.readObject().get("backupKind") instanceof JsonString kind
                    && BackupKind.valueOf(kind.getString().strip().toUpperCase(Locale.ROOT)) == BackupKind.INCREMENTAL) {
                return BackupKind.INCREMENTAL;
            }
        } catch (JsonException | IllegalStateException | IllegalArgumentException e) {
            return BackupKind.FULL; // the API refuses bad kinds when the run is queued; anything else is a full backup
        }
        return BackupKind.FULL;
    }
}
