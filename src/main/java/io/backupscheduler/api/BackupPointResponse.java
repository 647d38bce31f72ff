package io.backupscheduler.api;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.PointCopy;
import io.backupscheduler.backup.PointStatus;
import java.time.Instant;

/**
 * A backup point as the API shows it: kind, what it holds, how long it took, whether it verified, where it is (a
 * RESTIC point: the repository, and its snapshot id), and its copy on the job's copy target if it has one. A point
 * written to its job's bucket ({@code bucketOnly}) has its segments there alone; {@code copy} then describes its objects.
 */
public record BackupPointResponse(long id, long jobId, Long executionId, BackupKind kind, Long basePointId, PointStatus status,
                                  Long fileCount, Long filesStored, Long bytesTotal, Long bytesStored, Long archiveBytes, Integer archiveSegments,
                                  Integer deletedCount, Integer changedWhileRead, Instant startedAt, Instant finishedAt,
                                  Long durationMs, String verifyError, String archivePath, String manifestPath,
                                  String snapshotId, boolean encrypted, boolean bucketOnly, PointCopyResponse copy) {
    static BackupPointResponse of(BackupPoint p) {
        return of(p, null);
    }

    static BackupPointResponse of(BackupPoint p, PointCopy copy) {
        return new BackupPointResponse(p.getId(), p.getJobId(), p.getExecutionId(), p.getKind(), p.getBasePointId(), p.getStatus(),
                p.getFileCount(), p.getFilesStored(), p.getBytesTotal(), p.getBytesStored(), p.getArchiveBytes(),
                p.getKind() == BackupKind.COMMAND || p.getKind() == BackupKind.RESTIC ? null : p.archiveFiles().size(), p.getDeletedCount(),
                p.getChangedWhileRead(), p.getStartedAt(), p.getFinishedAt(), p.getDurationMs(), p.getVerifyError(),
                p.getArchivePath(), p.getManifestPath(), p.getSnapshotId(), p.isEncrypted(), p.isBucketOnly(),
                PointCopyResponse.of(copy));
    }
}
