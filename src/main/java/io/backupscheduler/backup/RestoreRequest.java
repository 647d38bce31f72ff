package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.ExistingFiles;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What a queued restore or drill does, kept beside its queue entry (same id): which point, which paths (none: every
 * file), into which directory (none for a drill: the run's scratch space), what to do with files already there,
 * and for a drill how many files to sample.
 */
@Entity
@Table(name = "restore_request")
public class RestoreRequest {
    @Id
    @Column(name = "queue_entry_id")
    private Long queueEntryId;

    @Column(name = "point_id", nullable = false)
    private long pointId;

    @Column(length = 4096)
    private String destination;

    /** One path per line: validated paths have no control characters. */
    @Column(nullable = false, length = 16000)
    private String paths;

    @Enumerated(EnumType.STRING)
    @Column(name = "existing_files", length = 16)
    private ExistingFiles existingFiles;

    @Column(name = "sample_files")
    private Integer sampleFiles;

    @Column(name = "requested_by", nullable = false, length = 100)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "from_copy", nullable = false)
    private boolean fromCopy;

    protected RestoreRequest() {
    }

    RestoreRequest(long queueEntryId, long pointId, String destination, List<String> paths, ExistingFiles existingFiles,
                   Integer sampleFiles, String requestedBy, Instant requestedAt) {
        this.queueEntryId = queueEntryId;
        this.pointId = pointId;
        this.destination = destination;
        this.paths = String.join("\n", paths);
        this.existingFiles = existingFiles;
        this.sampleFiles = sampleFiles;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    RestoreRequest fromCopy(boolean fromCopy) {
        this.fromCopy = fromCopy;
        return this;
    }

    /** Whether the restore reads the point's copy on its job's copy target instead of the point's own files. */
    public boolean isFromCopy() {
        return fromCopy;
    }

    public Long getQueueEntryId() {
        return queueEntryId;
    }

    public long getPointId() {
        return pointId;
    }

    /** Null for a drill, which restores into its run's scratch space. */
    public String getDestination() {
        return destination;
    }

    public boolean isDrill() {
        return destination == null;
    }

    /** The selected paths; empty: every file of the point. */
    public List<String> getPaths() {
        return paths.isEmpty() ? List.of() : Arrays.asList(paths.split("\n"));
    }

    public ExistingFiles getExistingFiles() {
        return existingFiles;
    }

    public Integer getSampleFiles() {
        return sampleFiles;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }
}
