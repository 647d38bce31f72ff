package io.backupscheduler.backup;

import io.backupscheduler.job.CopyTarget;
import io.backupscheduler.lib.objectstore.S3Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Points written through to their job's bucket (mode MOVE). Each archive segment is uploaded when a checkpoint
 * finishes it and then leaves the target directory, so the directory never holds more than the segment being written;
 * the seal sends the manifest and the wrapped key, which stay beside as a cache for browsing. The point's objects are
 * recorded as a copy's are ({@code point_copy}, SHA-256 as uploaded), so reading back, staging for verify and restore,
 * and removal with retention work as they do for copies.
 */
@ApplicationScoped
public class BucketPoints {
    @Inject
    PointCopyRecords records;

    @Inject
    PointCopies copies;

    @Inject
    JobBuckets buckets;

    /** Whether the job writes its points to its bucket (mode MOVE). */
    public boolean holdPointsOf(long jobId) {
        return buckets.of(jobId).map(CopyTarget::holdsPoints).orElse(false);
    }

    /**
     * Why the job's bucket cannot take its points now (unreachable, credentials refused, no bucket, no permission),
     * naming the bucket and never a credential; empty when it can, or when the job keeps its points elsewhere.
     */
    public java.util.Optional<String> problem(long jobId) {
        java.util.Optional<CopyTarget> target = buckets.of(jobId).filter(CopyTarget::holdsPoints);
        if (target.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            copies.check(target.get());
            return java.util.Optional.empty();
        } catch (io.backupscheduler.lib.objectstore.S3Failure e) {
            return java.util.Optional.of("the job's bucket " + target.get().describe() + " cannot take its backup point ("
                    + e.failureCause() + "): " + e.getMessage());
        } catch (IllegalStateException | io.backupscheduler.errors.NoSuchEntityException e) { // its secret is gone or does not open here
            return java.util.Optional.of("the job's bucket " + target.get().describe() + " cannot be opened: " + e.getMessage());
        }
    }

    /**
     * Which of the first {@code count} segments of a point going on from a checkpoint are neither in its bucket nor in
     * the target directory (a segment finished on a host whose directory this one does not see); null when none.
     */
    public String missingSegments(BackupPoint point, int count) {
        Set<String> uploaded = records.of(point.getId()).map(copy -> copy.storedObjects().stream().map(PointCopy.StoredObject::name)
                .collect(Collectors.toSet())).orElse(Set.of());
        for (int i = 0; i < count; i++) {
            Path segment = io.backupscheduler.lib.archive.PointWriter.segment(Path.of(point.getArchivePath()), i);
            if (!uploaded.contains(objectName(point, segment)) && !Files.isRegularFile(segment)) {
                return "its segment " + segment.getFileName() + " is neither in the bucket nor here";
            }
        }
        return null;
    }

    /** The bucket that holds the point's objects; an IOException when its job no longer names one. */
    private CopyTarget targetOf(BackupPoint point) throws IOException {
        return buckets.of(point.getJobId()).orElseThrow(() -> new IOException("the job of backup point " + point.getId()
                + " no longer names the bucket that holds its segments"));
    }

    /**
     * Before a point writes its first segment, or goes on after a stop: objects past the checkpoint it goes on from
     * removed ({@code segmentsKept}: what that checkpoint had finished; 0 for a new point), and the job's
     * incomplete uploads that stopped runs left aborted (an upload of a copy or point still being written stays).
     */
    public void prepare(BackupPoint point, int segmentsKept, Consumer<String> log) throws IOException {
        CopyTarget target = targetOf(point);
        Instant now = Instant.now();
        try (S3Bucket bucket = buckets.open(target)) {
            Set<String> kept = new java.util.HashSet<>();
            for (int i = 0; i < segmentsKept; i++) {
                kept.add(objectName(point, io.backupscheduler.lib.archive.PointWriter.segment(Path.of(point.getArchivePath()), i)));
            }
            List<PointCopy.StoredObject> past = records.dropped(point.getId(), name -> !kept.contains(name));
            for (PointCopy.StoredObject object : past) {
                bucket.delete(object.name());
            }
            if (!past.isEmpty()) {
                log.accept("removed " + past.size() + " object(s) written after the checkpoint this point goes on from");
            }
            int aborted = copies.abortStaleUploads(bucket, point, now);
            if (aborted > 0) {
                log.accept("aborted " + aborted + " incomplete upload(s) that a stopped run left in " + target.describe());
            }
        }
    }

    /**
     * Uploads finished files of the point (segments; at the seal, the manifest and key too) and records each with its
     * SHA-256; segments then leave the target directory. {@code pace} is told of every part (the run's I/O limit,
     * cancel and time limit).
     */
    public void ship(BackupPoint point, List<Path> files, LongConsumer pace) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        CopyTarget target = targetOf(point);
        List<PointCopy.StoredObject> sent = new ArrayList<>();
        try (S3Bucket bucket = buckets.open(target).pacedBy(pace)) {
            for (Path file : files) {
                S3Bucket.Uploaded done = bucket.upload(file, objectName(point, file));
                sent.add(new PointCopy.StoredObject(done.name(), done.size(), done.sha256()));
            }
        }
        // the record comes with the first objects: the point's own row may not be committed before that
        records.added(point.getId(), point.getJobId(), target.describe(), sent);
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".tar.zst")) { // a segment; the manifest and key stay as a cache
                Files.deleteIfExists(file);
            }
        }
    }

    /** The bytes of the point's segments in its bucket (as recorded when they went up). */
    public long segmentBytes(BackupPoint point) {
        return records.of(point.getId()).map(copy -> copy.storedObjects().stream()
                .filter(o -> o.name().endsWith(".tar.zst")).mapToLong(PointCopy.StoredObject::size).sum()).orElse(0L);
    }

    /** Puts the point's manifest and key back in the target directory from its bucket when they are missing there. */
    public void cache(BackupPoint point) throws IOException {
        Path manifest = Path.of(point.getManifestPath());
        if (Files.isRegularFile(manifest) && (!point.isEncrypted() || Files.isRegularFile(point.keyPath()))) {
            return;
        }
        CopyTarget target = targetOf(point);
        try (S3Bucket bucket = buckets.open(target)) {
            List<Path> wanted = point.isEncrypted() ? List.of(manifest, point.keyPath()) : List.of(manifest);
            for (Path file : wanted) {
                Files.createDirectories(file.getParent());
                Path part = file.resolveSibling(file.getFileName() + ".download");
                bucket.download(objectName(point, file), part);
                Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Records how the point's verification from its bucket went: its objects are then VERIFIED, or FAILED saying why. */
    public void verified(BackupPoint point, List<String> problems) {
        if (problems.isEmpty()) {
            records.verified(point.getId());
        } else {
            records.failed(point.getId(), "verification in the bucket failed: " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
        }
    }

    /** Removes a point's objects and their record: a point that will not be finished. False when the bucket refused. */
    public boolean discard(BackupPoint point, Consumer<String> warn) {
        return copies.remove(point, warn);
    }

    private static String objectName(BackupPoint point, Path file) {
        return JobBuckets.folder(point) + file.getFileName();
    }
}
