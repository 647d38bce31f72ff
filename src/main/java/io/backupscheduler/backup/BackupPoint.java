package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.persistence.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One backup: where its bytes and manifest are, what they hold, whether it verified. A directory point's archive
 * path is its tar.zst; a COMMAND point's is the target directory its tool wrote the listed files into.
 */
@Entity
@Table(name = "backup_point")
public class BackupPoint extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "backup_point_seq")
    @SequenceGenerator(name = "backup_point_seq", sequenceName = "backup_point_seq", allocationSize = 50)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "execution_id")
    private Long executionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private BackupKind kind;

    @Column(name = "base_point_id")
    private Long basePointId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PointStatus status = PointStatus.WRITING;

    @Column(name = "archive_path", nullable = false, length = 4096)
    private String archivePath = "";

    @Column(name = "manifest_path", nullable = false, length = 4096)
    private String manifestPath = "";

    @Column(name = "file_count")
    private Long fileCount;

    @Column(name = "files_stored")
    private Long filesStored;

    @Column(name = "bytes_total")
    private Long bytesTotal;

    @Column(name = "bytes_stored")
    private Long bytesStored;

    @Column(name = "archive_bytes")
    private Long archiveBytes;

    /** A RESTIC point's snapshot id in its repository (the archive path). */
    @Column(name = "snapshot_id", length = 64)
    private String snapshotId;

    /** Whether its segments and manifest are encrypted with its own key (in {@link #keyPath()}). */
    @Column(nullable = false)
    private boolean encrypted;

    /** Whether its segments are kept only in its job's bucket (written through, mode MOVE), not in the target directory. */
    @Column(name = "bucket_only", nullable = false)
    private boolean bucketOnly;

    @Column(name = "archive_segments")
    private Integer archiveSegments;

    @Column(name = "resume_mark", length = 5000)
    private String resumeMark;

    @Column(name = "deleted_count")
    private Integer deletedCount;

    @Column(name = "changed_while_read")
    private Integer changedWhileRead;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "verify_error", length = 4000)
    private String verifyError;

    protected BackupPoint() {
    }

    BackupPoint(long jobId, Long executionId, BackupKind kind, Long basePointId, Instant startedAt) {
        this.jobId = jobId;
        this.executionId = executionId;
        this.kind = kind;
        this.basePointId = basePointId;
        this.startedAt = startedAt;
    }

    void snapshot(String id) {
        this.snapshotId = id;
    }

    public boolean isEncrypted() {
        return encrypted;
    }

    void encrypted(boolean encrypted) {
        this.encrypted = encrypted;
    }

    public boolean isBucketOnly() {
        return bucketOnly;
    }

    void bucketOnly(boolean bucketOnly) {
        this.bucketOnly = bucketOnly;
    }

    /** Where an encrypted point's key lies, wrapped: beside its first segment. */
    public java.nio.file.Path keyPath() {
        return java.nio.file.Path.of(archivePath + ".key");
    }

    public String getSnapshotId() {
        return snapshotId;
    }

    void placedAt(String archive, String manifest) {
        this.archivePath = archive;
        this.manifestPath = manifest;
    }

    void written(long fileCount, long filesStored, long bytesTotal, long bytesStored, long archiveBytes, int deleted,
                 int changedWhileRead, Instant at) {
        this.status = PointStatus.WRITTEN;
        this.fileCount = fileCount;
        this.filesStored = filesStored;
        this.bytesTotal = bytesTotal;
        this.bytesStored = bytesStored;
        this.archiveBytes = archiveBytes;
        this.deletedCount = deleted;
        this.changedWhileRead = changedWhileRead;
        this.finishedAt = at;
        this.durationMs = Math.max(0, Duration.between(startedAt, at).toMillis());
    }

    void segments(int count) {
        this.archiveSegments = count;
    }

    /** Where the writing of this point got at its last checkpoint (the writer's own format); null: no checkpoint yet. */
    public String getResumeMark() {
        return resumeMark;
    }

    void checkpointed(String mark) {
        this.resumeMark = mark;
    }

    /** The run that carries the point on after a stop or failure. */
    void resumedBy(Long executionId) {
        this.executionId = executionId;
    }

    void verified(String problem) {
        this.status = problem == null ? PointStatus.VERIFIED : PointStatus.FAILED;
        this.verifyError = problem == null ? null : problem.length() > 4000 ? problem.substring(0, 4000) : problem;
    }

    void failed(String reason) {
        verified(reason);
    }

    /** The archive files of a directory point, in order (segment 0 is the archive path); empty for a COMMAND point. */
    public java.util.List<java.nio.file.Path> archiveFiles() {
        if (kind == BackupKind.COMMAND || kind == BackupKind.RESTIC) { // files in the target, or a snapshot in a repository
            return java.util.List.of();
        }
        return PointWriter.segments(java.nio.file.Path.of(archivePath), archiveSegments == null ? 1 : archiveSegments);
    }

    public Integer getArchiveSegments() {
        return archiveSegments;
    }

    public Long getId() {
        return id;
    }

    public long getJobId() {
        return jobId;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public BackupKind getKind() {
        return kind;
    }

    public Long getBasePointId() {
        return basePointId;
    }

    public PointStatus getStatus() {
        return status;
    }

    public String getArchivePath() {
        return archivePath;
    }

    public String getManifestPath() {
        return manifestPath;
    }

    public Long getFileCount() {
        return fileCount;
    }

    public Long getFilesStored() {
        return filesStored;
    }

    public Long getBytesTotal() {
        return bytesTotal;
    }

    public Long getBytesStored() {
        return bytesStored;
    }

    public Long getArchiveBytes() {
        return archiveBytes;
    }

    public Integer getDeletedCount() {
        return deletedCount;
    }

    public Integer getChangedWhileRead() {
        return changedWhileRead;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public String getVerifyError() {
        return verifyError;
    }
}
