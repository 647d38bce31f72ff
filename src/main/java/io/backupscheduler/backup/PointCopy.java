package io.backupscheduler.backup;

import io.backupscheduler.persistence.StringListJsonConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A point's copy on its job's copy target: where (bucket, prefix, endpoint; never a credential), each object as
 * uploaded ({@code name size sha256}), and whether reading them back matched. A point has at most one copy.
 */
@Entity
@Table(name = "point_copy")
public class PointCopy {
    @Id
    @Column(name = "point_id")
    private Long pointId;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(nullable = false, length = 2700)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CopyStatus status = CopyStatus.COPYING;

    @Convert(converter = StringListJsonConverter.class)
    @Column(length = 200_000)
    private List<String> objects = new ArrayList<>();

    @Column(name = "object_count", nullable = false)
    private int objectCount;

    @Column(nullable = false)
    private long bytes;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(length = 4000)
    private String error;

    protected PointCopy() {
    }

    PointCopy(long pointId, long jobId, String target, Instant startedAt) {
        this.pointId = pointId;
        this.jobId = jobId;
        this.target = target;
        this.startedAt = startedAt;
    }

    /** One uploaded object: its name under the target's prefix, its size and its SHA-256 as uploaded. */
    public record StoredObject(String name, long size, String sha256) {
        String line() {
            return name + " " + size + " " + sha256;
        }

        static StoredObject parse(String line) {
            String[] parts = line.split(" ");
            return new StoredObject(parts[0], Long.parseLong(parts[1]), parts[2]);
        }
    }

    void uploaded(List<StoredObject> stored, Instant at) {
        objects = new ArrayList<>(stored.stream().map(StoredObject::line).toList());
        objectCount = stored.size();
        bytes = stored.stream().mapToLong(StoredObject::size).sum();
        finishedAt = at;
    }

    void verified(Instant at) {
        status = CopyStatus.VERIFIED;
        verifiedAt = at;
        error = null;
    }

    void failed(String reason, Instant at) {
        status = CopyStatus.FAILED;
        error = reason.length() > 4000 ? reason.substring(0, 3997) + "..." : reason;
        if (finishedAt == null) {
            finishedAt = at;
        }
    }

    public List<StoredObject> storedObjects() {
        return objects == null ? List.of() : objects.stream().map(StoredObject::parse).toList();
    }

    public Long getPointId() {
        return pointId;
    }

    public long getJobId() {
        return jobId;
    }

    public String getTarget() {
        return target;
    }

    public CopyStatus getStatus() {
        return status;
    }

    public int getObjectCount() {
        return objectCount;
    }

    public long getBytes() {
        return bytes;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getVerifiedAt() {
        return verifiedAt;
    }

    public String getError() {
        return error;
    }
}
