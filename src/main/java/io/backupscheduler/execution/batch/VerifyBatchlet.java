package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.BucketPoints;
import io.backupscheduler.backup.PointCopies;
import io.backupscheduler.backup.PointFiles;
import io.backupscheduler.backup.BackupPruning;
import io.backupscheduler.lib.archive.ArchiveVerifier;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.job.JobKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Last step (in command-job, last part): the work ended well and left its target in place. The run's backup point
 * (a directory archive or a command's files) is read back against its manifest, copied to the job's copy target if
 * it names one, then the job's retention applies.
 */
@Named("verifyBatchlet")
@Dependent
public class VerifyBatchlet extends RunStep {
    @Inject
    RunSettings settings;

    @Inject
    BackupPoints points;

    @Inject
    PointFiles pointFiles;

    @Inject
    BackupPruning pruning;

    @Inject
    PointCopies copies;

    @Inject
    BucketPoints bucketPoints;

    @Inject
    ResticCheckAndForget restic;

    @Override
    String work(ActiveRun run) {
        if (run.failed()) {
            return FAILED;
        }
        if (run.kind() == JobKind.RESTIC) {
            return restic.verify(run);
        }
        if (run.backupPointId() != null) {
            return verifyPoint(run, points.get(run.backupPointId()));
        }
        Path target = Path.of(run.targetPath());
        if (!Files.isDirectory(target)) {
            run.ended(ExecutionStatus.FAILED, run.exitCode(), "target " + target + " disappeared during the run", null, null);
            return FAILED;
        }
        // the command step already compared the target with its snapshot and logged that nothing was written
        run.appendToLog("[verify] no backup point to read back; target " + target + " is in place");
        run.ended(ExecutionStatus.SUCCEEDED, run.exitCode(), null, null, null);
        return COMPLETED;
    }

    /**
     * A point kept in its bucket is read from there: each object is downloaded into the run's directory and checked
     * against its SHA-256 as uploaded, then the archive is read back against the manifest as stored in the bucket.
     */
    private List<String> verifyInBucket(ActiveRun run, BackupPoint point) {
        Path staging = run.directory().resolve("bucket-staging");
        List<String> problems;
        try {
            PointCopies.StagedPoint staged = copies.stage(point, staging, false);
            PointSealing sealing = pointFiles.sealing(point, staged.key());
            Manifest manifest = Manifest.read(staged.manifest(), sealing);
            problems = ArchiveVerifier.verify(staged.segments(), manifest, point.getId(), sealing, settings.controlFor(run),
                    settings.verifyParallelism());
        } catch (IOException e) {
            problems = List.of(e.getMessage());
        } finally {
            RestoreBatchlet.deleteTree(staging);
        }
        bucketPoints.verified(point, problems);
        return problems;
    }

    /** A verified point may let older ones go: the job's retention runs now, and a failure to prune only warns. */
    private void applyRetention(ActiveRun run) {
        try {
            for (BackupPoint pruned : pruning.prune(run.jobId())) {
                run.appendToLog("[retention] removed backup point " + pruned.getId() + " (" + pruned.getKind() + " of "
                        + pruned.getStartedAt() + ")");
            }
        } catch (RuntimeException e) {
            run.appendToLog("[retention] pruning failed, the points stay: " + e.getMessage());
        }
    }

    /**
     * A backup point is read back (a directory point's archive, a command point's files) and every file's hash
     * checked against its manifest; a mismatch fails the run.
     */
    private String verifyPoint(ActiveRun run, BackupPoint point) {
        List<String> problems;
        if (point.isBucketOnly()) {
            problems = verifyInBucket(run, point);
        } else try {
            PointSealing sealing = pointFiles.sealing(point);
            Manifest manifest = Manifest.read(Path.of(point.getManifestPath()), sealing);
            problems = point.getKind() == BackupKind.COMMAND
                    ? ProducedFiles.verify(Path.of(point.getArchivePath()), manifest, settings.controlFor(run))
                    : ArchiveVerifier.verify(point.archiveFiles(), manifest, point.getId(), sealing, settings.controlFor(run),
                            settings.verifyParallelism());
        } catch (IOException e) {
            problems = List.of("the manifest cannot be read: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            points.verified(point.getId(), null);
            run.appendToLog("[verify] backup point " + point.getId() + ": every file read back matches its manifest"
                    + (point.isEncrypted() ? " (encrypted: every segment authenticated)" : ""));
            // a failed copy alerts and the point stands; a cancel or the time limit stops the copy and the run
            copies.copy(point, line -> run.appendToLog("[copy] " + line), settings.controlFor(run)::beforeBytes);
            applyRetention(run);
            run.ended(ExecutionStatus.SUCCEEDED, run.exitCode(), null, null, null);
            return COMPLETED;
        }
        String summary = problems.size() + " problems, e.g. " + String.join("; ", problems.subList(0, Math.min(3, problems.size())));
        points.verified(point.getId(), summary);
        problems.forEach(problem -> run.appendToLog("[verify] " + problem));
        run.ended(ExecutionStatus.FAILED, run.exitCode(), "verification of backup point " + point.getId() + " failed: " + summary, null, null);
        return FAILED;
    }
}
