package io.backupscheduler.backup;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.AllowedPaths;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.lib.archive.ExistingFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides whether a restore may be queued, before anything is: the point exists and every point it builds on can
 * be read; each path is inside the point and the point holds it; the destination is an absolute path under the
 * restore roots that is new, empty, or given a policy for the files already in it. Then records the request beside
 * its queue entry, in the caller's transaction.
 */
@ApplicationScoped
public class RestorePlanning {
    /** How many paths one restore may name. */
    static final int MAX_PATHS = 1_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    BackupPoints points;

    @Inject
    BackupCatalogue catalogue;

    @Inject
    PointCopyRecords copyRecords;

    @Inject
    AllowedPaths allowedPaths;

    /** A restore that may be queued: the point, its job, the paths (normalized; none: all) and the destination. */
    public record Plan(BackupPoint point, List<String> paths, String destination, RestoreSpec spec) {
        public long jobId() {
            return point.getJobId();
        }
    }

    public Plan plan(long pointId, RestoreSpec spec) {
        BackupPoint point = restorable(pointId);
        if (point.getKind() == BackupKind.RESTIC && spec.existingFiles() != null && spec.existingFiles() != ExistingFiles.OVERWRITE) {
            throw InvalidInputException.of("existingFiles", spec.existingFiles() + " is not possible for restic snapshot "
                    + point.getSnapshotId() + ": restic restore overwrites the files it finds; restore into a new or empty directory,"
                    + " or choose OVERWRITE");
        }
        if (spec.fromCopy()) {
            requireVerifiedCopies(point, false);
        } else if (point.getKind() == BackupKind.FULL || point.getKind() == BackupKind.INCREMENTAL) {
            requireVerifiedCopies(point, true); // points kept in their bucket are read from there
        }
        List<String> paths = paths(pointId, spec.paths());
        String destination = destination(spec);
        return new Plan(point, paths, destination, spec);
    }

    /** A drill of the job's latest point that can be restored: 409 when it has none. */
    public BackupPoint drillPoint(long jobId) {
        return latestRestorable(jobId).orElseThrow(() -> new ConflictException("job", "job " + jobId
                + " has no backup point that can be restored yet"));
    }

    /** The job's latest point that can be restored (it and every point it builds on usable), if it has one. */
    public java.util.Optional<BackupPoint> latestRestorable(long jobId) {
        for (BackupPoint candidate : points.usable(jobId)) {
            try {
                return java.util.Optional.of(restorable(candidate.getId()));
            } catch (ConflictException e) {
                // a point that builds on a failed one cannot prove anything: try the one before
            }
        }
        return java.util.Optional.empty();
    }

    public void record(long queueEntryId, Plan plan, String by) {
        em.persist(new RestoreRequest(queueEntryId, plan.point().getId(), plan.destination(), plan.paths(), plan.spec().existingFiles(),
                null, by, Instant.now()).fromCopy(plan.spec().fromCopy()));
    }

    public void recordDrill(long queueEntryId, BackupPoint point, Integer sampleFiles, String by) {
        em.persist(new RestoreRequest(queueEntryId, point.getId(), null, List.of(), null, sampleFiles, by, Instant.now()));
    }

    /**
     * The request of a queued restore or drill. A drill a schedule queued has none: it is made when the drill runs,
     * for the job's latest restorable point then, with the job's sample size.
     */
    public RestoreRequest request(long queueEntryId, long jobId, boolean drill) {
        RestoreRequest request = em.find(RestoreRequest.class, queueEntryId);
        if (request != null) {
            return request;
        }
        if (!drill) {
            throw new NoSuchEntityException("restore request of queue entry", queueEntryId);
        }
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new NoSuchEntityException("job", jobId);
        }
        return new RestoreRequest(queueEntryId, drillPoint(jobId).getId(), null, List.of(), null, job.getDrill().getSampleFiles(),
                "its schedule", Instant.now());
    }

    private BackupPoint restorable(long pointId) {
        return usableChain(pointId).get(0);
    }

    /** The point and every point it builds on, newest first, each usable now: 409 naming the one that is not. */
    List<BackupPoint> usableChain(long pointId) {
        List<BackupPoint> chain = points.chain(pointId);
        BackupPoint point = chain.get(0);
        for (BackupPoint link : chain) {
            if (!link.getStatus().usable()) {
                throw new ConflictException("status", "backup point " + link.getId() + " is " + link.getStatus() + "; it cannot be restored"
                        + (link == point ? "" : " (point " + pointId + " builds on it)"));
            }
        }
        return chain;
    }

    /**
     * A restore from copies needs a verified copy of the point and of every point it builds on: 409 naming the one
     * without. {@code bucketOnly}: only the points kept in their bucket are held to it (their objects verified there).
     */
    private void requireVerifiedCopies(BackupPoint point, boolean bucketOnly) {
        if (point.getKind() != BackupKind.FULL && point.getKind() != BackupKind.INCREMENTAL) {
            throw InvalidInputException.of("fromCopy", "only DIRECTORY points have copies; backup point " + point.getId() + " is "
                    + point.getKind());
        }
        List<BackupPoint> chain = usableChain(point.getId());
        java.util.Map<Long, PointCopy> copies = copyRecords.of(chain.stream().map(BackupPoint::getId).toList());
        for (BackupPoint link : chain) {
            if (bucketOnly && !link.isBucketOnly()) {
                continue;
            }
            PointCopy copy = copies.get(link.getId());
            if (copy == null || copy.getStatus() != CopyStatus.VERIFIED) {
                String what = link.isBucketOnly() ? " has no verified objects in its bucket" : " has no verified copy";
                throw new ConflictException(bucketOnly ? "pointId" : "fromCopy", "backup point " + link.getId() + what
                        + (copy == null ? "" : (link.isBucketOnly() ? " (they are " : " (its copy is ") + copy.getStatus() + (copy.getError() == null ? "" : ": " + copy.getError()) + ")")
                        + (link == point ? "" : "; point " + point.getId() + " builds on it"));
            }
        }
    }

    private List<String> paths(long pointId, List<String> asked) {
        if (asked.size() > MAX_PATHS) {
            throw InvalidInputException.of("paths", "names " + asked.size() + " paths; at most " + MAX_PATHS
                    + " (name their folders instead)");
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String field = "paths[" + i + "]";
            try {
                String path = CataloguePaths.normalize(field, asked.get(i));
                if (path.isEmpty()) {
                    return List.of(); // the root: every file
                }
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (String path : paths) {
            if (!catalogue.holds(pointId, path)) {
                throw new NoSuchEntityException("path '" + path + "' in backup point", pointId);
            }
        }
        return paths;
    }

    private String destination(RestoreSpec spec) {
        String text = spec.destination();
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("destination", "is required: an absolute path to a directory under the restore roots");
        }
        Path target;
        try {
            target = Path.of(text.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw InvalidInputException.of("destination", "'" + text + "' is not a valid path");
        }
        if (!target.isAbsolute() || !target.normalize().equals(target)) {
            throw InvalidInputException.of("destination", "'" + text + "' must be an absolute path without '.' or '..' parts");
        }
        allowedPaths.problem(target.toString(), AllowedPaths.Use.RESTORE).ifPresent(problem -> {
            throw InvalidInputException.of("destination", problem);
        });
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw InvalidInputException.of("destination", target + " exists and is not a directory");
        }
        if (Files.isDirectory(target) && spec.existingFiles() == null && !isEmpty(target)) {
            throw new ConflictException("existingFiles", target + " is not empty: restore into a new or empty directory, or say"
                    + " what to do with the files already there (existingFiles: SKIP, OVERWRITE or KEEP_BOTH)");
        }
        return target.toString();
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw InvalidInputException.of("destination", directory + " cannot be read: " + e.getMessage());
        }
    }
}
