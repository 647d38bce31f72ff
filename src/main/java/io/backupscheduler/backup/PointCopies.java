package io.backupscheduler.backup;

import io.backupscheduler.job.CopyTarget;
import io.backupscheduler.lib.objectstore.S3Bucket;
import io.backupscheduler.lib.objectstore.S3Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Copies of backup points on their job's copy target, an S3-compatible bucket: a verified point's files (segments,
 * manifest, and an encrypted point's wrapped key, all as stored, so a copy is exactly as encrypted as the point) are
 * uploaded under {@code job-<job>/point-<point>/}, then read back and compared with the SHA-256 taken on the way up.
 * A copy that fails says why on its row and removes what it uploaded; the backup itself stands. Restores may read a
 * verified copy; retention removes a point's copy with the point.
 */
@ApplicationScoped
public class PointCopies {
    /**
     * A copy still COPYING this long after it began is taken for one its crash left behind, and the next copy of the
     * job aborts its incomplete uploads; a younger one may be another run's copy going on now.
     */
    private static final java.time.Duration LIVE_COPY = java.time.Duration.ofHours(6);

    @Inject
    PointCopyRecords records;

    @Inject
    JobBuckets buckets;

    private static String folder(BackupPoint point) {
        return JobBuckets.folder(point);
    }

    /** The point's files as they are copied: each local file with its object name. */
    static List<Path> files(BackupPoint point) {
        // an incremental that stored nothing has no segment file
        List<Path> files = new ArrayList<>(point.archiveFiles().stream().filter(Files::isRegularFile).toList());
        files.add(Path.of(point.getManifestPath()));
        if (point.isEncrypted()) {
            files.add(point.keyPath());
        }
        return files;
    }

    /** Where the job copies its points, if anywhere. */
    public java.util.Optional<CopyTarget> targetOf(long jobId) {
        return buckets.of(jobId);
    }

    /**
     * Copies a verified point to its job's target and verifies the copy; what it did goes to {@code log}. True when
     * the copy is verified (or the job makes none), false when it failed (its row says why). {@code pace} is told of
     * every part and chunk before it moves (the run's I/O limit, cancel and time limit); what it throws stops the copy,
     * which is then recorded as failed, cleaned up and the stop thrown on.
     */
    public boolean copy(BackupPoint point, Consumer<String> log, LongConsumer pace) {
        java.util.Optional<CopyTarget> target = targetOf(point.getJobId());
        if (target.isEmpty() || point.isBucketOnly()) {
            return true; // a point written to the bucket is there already
        }
        records.begin(point.getId(), point.getJobId(), target.get().describe());
        Instant began = Instant.now();
        List<PointCopy.StoredObject> uploaded = new ArrayList<>();
        RuntimeException[] stop = new RuntimeException[1];
        LongConsumer paced = bytes -> {
            try {
                pace.accept(bytes);
            } catch (RuntimeException e) {
                stop[0] = e;
                throw e;
            }
        };
        try (S3Bucket bucket = open(target.get()).pacedBy(paced)) {
            try {
                int aborted = abortStaleUploads(bucket, point, began);
                if (aborted > 0) {
                    log.accept("aborted " + aborted + " incomplete upload(s) that an earlier, interrupted copy left in " + target.get().describe());
                }
                List<Path> files = files(point);
                log.accept("copying backup point " + point.getId() + " to " + target.get().describe() + ": " + files.size() + " files, "
                        + sizeOf(files) + " bytes");
                for (Path file : files) {
                    S3Bucket.Uploaded done = bucket.upload(file, folder(point) + file.getFileName());
                    uploaded.add(new PointCopy.StoredObject(done.name(), done.size(), done.sha256()));
                }
                records.uploaded(point.getId(), uploaded);
                List<String> problems = readBack(bucket, uploaded);
                if (!problems.isEmpty()) {
                    throw new S3Failure(S3Failure.Cause.CONTENT, String.join("; ", problems), null);
                }
            } catch (IOException | RuntimeException e) {
                removeQuietly(bucket, uploaded);
                throw e;
            }
            records.verified(point.getId());
            log.accept("backup point " + point.getId() + " copied to " + target.get().describe() + " and read back: " + uploaded.size()
                    + " objects, " + uploaded.stream().mapToLong(PointCopy.StoredObject::size).sum() + " bytes match");
            return true;
        } catch (IOException | RuntimeException e) {
            if (stop[0] != null) {
                String reason = "copy to " + target.get().describe() + " stopped: " + message(stop[0]);
                records.failed(point.getId(), reason);
                log.accept(reason + "; what it had uploaded is removed (the backup point itself is verified and kept)");
                throw stop[0];
            }
            String reason = "copy to " + target.get().describe() + " failed: " + message(e);
            records.failed(point.getId(), reason);
            log.accept(reason + " (the backup point itself is verified and kept)");
            return false;
        }
    }

    /**
     * Aborts the incomplete uploads under the point's job that began before {@code now}: what stopped copies or
     * writes left. Those of other points whose copy or write began less than {@link #LIVE_COPY} ago stay, as they may
     * be going on now. How many it aborted.
     */
    int abortStaleUploads(S3Bucket bucket, BackupPoint point, Instant now) throws S3Failure {
        java.util.Set<String> live = records.copyingSince(point.getJobId(), now.minus(LIVE_COPY)).stream()
                .filter(id -> id.longValue() != point.getId()).map(id -> JobBuckets.folder(point.getJobId(), id))
                .collect(java.util.stream.Collectors.toSet());
        return bucket.abortUploads("job-" + point.getJobId() + "/", now, key -> live.stream().anyMatch(key::startsWith));
    }

    private static long sizeOf(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** Reads a point's copy back and compares every object with what was uploaded; the problems (none: it matches). */
    public List<String> verify(BackupPoint point) {
        PointCopy copy = records.of(point.getId()).orElse(null);
        java.util.Optional<CopyTarget> target = targetOf(point.getJobId());
        if (copy == null || target.isEmpty()) {
            return List.of("backup point " + point.getId() + " has no copy");
        }
        List<String> problems;
        try (S3Bucket bucket = open(target.get())) {
            problems = readBack(bucket, copy.storedObjects());
        } catch (IOException | RuntimeException e) {
            problems = List.of(message(e));
        }
        if (problems.isEmpty()) {
            records.verified(point.getId());
        } else {
            records.failed(point.getId(), "verification of the copy failed: " + String.join("; ", problems));
        }
        return problems;
    }

    /**
     * Downloads a point's verified copy into {@code directory} (each object checked against its SHA-256 as
     * uploaded): a copy of the point's files that a restore reads as it reads the point's own.
     */
    public StagedPoint stage(BackupPoint point, Path directory) throws IOException {
        return stage(point, directory, true);
    }

    /**
     * As {@link #stage(BackupPoint, Path)}; {@code verifiedOnly} false also stages objects not read back yet (a point
     * written to its bucket, staged by its own verification).
     */
    public StagedPoint stage(BackupPoint point, Path directory, boolean verifiedOnly) throws IOException {
        PointCopy copy = records.of(point.getId()).filter(c -> !verifiedOnly || c.getStatus() == CopyStatus.VERIFIED)
                .orElseThrow(() -> new IOException("backup point " + point.getId() + " has no " + (verifiedOnly ? "verified " : "")
                        + (point.isBucketOnly() ? "objects in its bucket" : "copy")));
        CopyTarget target = targetOf(point.getJobId()).orElseThrow(() -> new IOException("the job of backup point " + point.getId()
                + " no longer names a copy target"));
        Path into = directory.resolve("point-" + point.getId());
        Files.createDirectories(into);
        try (S3Bucket bucket = open(target)) {
            for (PointCopy.StoredObject object : copy.storedObjects()) {
                Path local = into.resolve(object.name().substring(object.name().lastIndexOf('/') + 1));
                S3Bucket.Uploaded got = bucket.download(object.name(), local);
                if (!got.sha256().equals(object.sha256()) || got.size() != object.size()) {
                    throw new IOException("object " + object.name() + " of the copy in " + target.describe()
                            + " does not hold what was copied (SHA-256 or size differs): the restore stops before writing any file");
                }
            }
        }
        List<Path> segments = point.archiveFiles().stream().map(segment -> into.resolve(segment.getFileName())).toList();
        return new StagedPoint(segments, into.resolve(Path.of(point.getManifestPath()).getFileName()), into.resolve(point.keyPath().getFileName()));
    }

    /** A point's files downloaded from its copy. */
    public record StagedPoint(List<Path> segments, Path manifest, Path key) {
    }

    /**
     * Removes a point's copy (its objects, then its row) before the point goes. False when the target could not be
     * reached: the point then stays, so that nothing forgets objects it still pays for.
     */
    public boolean remove(BackupPoint point, Consumer<String> warn) {
        PointCopy copy = records.of(point.getId()).orElse(null);
        if (copy == null) {
            return true;
        }
        java.util.Optional<CopyTarget> target = targetOf(point.getJobId());
        if (target.isPresent()) {
            try (S3Bucket bucket = open(target.get())) {
                for (S3Bucket.StoredObject object : bucket.list(folder(point))) {
                    bucket.delete(object.name());
                }
            } catch (IOException | RuntimeException e) {
                warn.accept("the copy of backup point " + point.getId() + " in " + copy.getTarget() + " could not be removed: " + message(e));
                return false;
            }
        }
        records.remove(point.getId());
        return true;
    }

    /** Whether the job's copy target answers: reachable, credentials accepted, bucket there, listing and writing allowed. */
    public void check(CopyTarget target) throws S3Failure {
        try (S3Bucket bucket = open(target)) {
            bucket.check();
        }
    }

    private List<String> readBack(S3Bucket bucket, List<PointCopy.StoredObject> objects) throws S3Failure {
        List<String> problems = new ArrayList<>();
        for (PointCopy.StoredObject object : objects) {
            String key = bucket.location().key(object.name()); // as the bucket's own listing names it
            try {
                S3Bucket.Uploaded read = bucket.readBack(object.name());
                if (read.size() != object.size()) {
                    problems.add("object " + key + " holds " + read.size() + " bytes, " + object.size() + " were copied");
                } else if (!read.sha256().equals(object.sha256())) {
                    problems.add("object " + key + " does not hold what was copied (its SHA-256 differs)");
                }
            } catch (S3Failure e) {
                if (e.failureCause() != S3Failure.Cause.CONTENT) {
                    throw e; // the target is unreachable or refuses: no use trying the other objects
                }
                problems.add("object " + key + " is missing");
            } catch (IOException e) {
                problems.add("object " + key + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void removeQuietly(S3Bucket bucket, List<PointCopy.StoredObject> uploaded) {
        for (PointCopy.StoredObject object : uploaded) {
            try {
                bucket.delete(object.name());
            } catch (S3Failure ignored) {
                // a copy that failed is never read; retention or the next attempt's cleanup removes what stays
            }
        }
    }

    private S3Bucket open(CopyTarget target) {
        return buckets.open(target);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
