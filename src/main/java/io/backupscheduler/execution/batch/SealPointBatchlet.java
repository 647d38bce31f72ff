package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.BucketPoints;
import io.backupscheduler.backup.PointFiles;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After the archive-directory chunk step read every file: the point's journal becomes its manifest (with the
 * files deleted since the point before), and the point is recorded WRITTEN with what it holds.
 */
@Named("sealPointBatchlet")
@Dependent
public class SealPointBatchlet extends RunStep {
    @Inject
    BackupPoints points;

    @Inject
    PointFiles pointFiles;

    @Inject
    BucketPoints bucketPoints;

    @Inject
    RunSettings settings;

    @Override
    String work(ActiveRun run) {
        BackupPoint point = points.get(run.backupPointId());
        Path archive = Path.of(point.getArchivePath());
        try {
            Manifest previous = point.getKind() == BackupKind.INCREMENTAL ? pointFiles.manifest(points.get(point.getBasePointId()))
                    : Manifest.empty();
            PointWriter.Sealed sealed;
            if (point.isBucketOnly()) {
                sealed = sealInBucket(run, point, previous);
            } else {
                sealed = PointWriter.seal(archive, point.getId(), PointWriter.countSegments(archive), previous,
                        Path.of(point.getManifestPath()), pointFiles.sealing(point));
            }
            points.written(point.getId(), sealed);
            run.appendToLog(String.format(Locale.ROOT, "[backup] %s point %d: stored %d of %d files (%d of %d bytes), %d deleted since the"
                            + " point before, archive %d bytes in %d segment(s): %s", point.getKind(), point.getId(), sealed.filesStored(),
                    sealed.filesTotal(), sealed.bytesStored(), sealed.bytesTotal(), sealed.manifest().deleted().size(),
                    sealed.archiveBytes(), sealed.segments(), point.isBucketOnly() ? "in the job's bucket" : point.getArchivePath()));
            for (String changed : sealed.changedWhileRead()) {
                run.appendToLog("[backup] changed while it was read (stored as read; the next backup takes it again): " + changed);
            }
            return COMPLETED;
        } catch (IOException e) {
            points.failed(point.getId(), e.getMessage());
            run.ended(ExecutionStatus.FAILED, null, "backup point " + point.getId() + " could not be sealed: " + e.getMessage(), null, null);
            return FAILED;
        }
    }

    /**
     * A point written to its bucket: its segments went up at each checkpoint (the last one counts them); the manifest,
     * the key and an empty archive (when nothing changed) follow now, and the manifest and key stay here as a cache.
     */
    private PointWriter.Sealed sealInBucket(ActiveRun run, BackupPoint point, Manifest previous) throws IOException {
        Path archive = Path.of(point.getArchivePath());
        PointResumeMark mark = PointResumeMark.parse(point.getResumeMark());
        int segments = mark == null ? 0 : mark.writer().segments();
        PointWriter.Sealed sealed = PointWriter.seal(archive, point.getId(), segments, previous, Path.of(point.getManifestPath()),
                pointFiles.sealing(point), bucketPoints.segmentBytes(point));
        List<Path> rest = new ArrayList<>();
        for (Path segment : PointWriter.segments(archive, sealed.segments())) {
            if (Files.isRegularFile(segment)) {
                rest.add(segment);
            }
        }
        rest.add(Path.of(point.getManifestPath()));
        if (point.isEncrypted()) {
            rest.add(point.keyPath());
        }
        bucketPoints.ship(point, rest, settings.controlFor(run)::beforeBytes);
        run.appendToLog("[bucket] point " + point.getId() + ": " + sealed.segments() + " segment(s), its manifest" + (point.isEncrypted()
                ? " and its wrapped key" : "") + " are in the job's bucket");
        return sealed;
    }
}
