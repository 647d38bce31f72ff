package io.backupscheduler.backup;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.Retention;
import io.backupscheduler.settings.SharedSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies a job's retention to its backup points: the plan (a dry run) and the prune, which removes each
 * point's archive and manifest and then its record, newest first so that no kept point loses what it builds on.
 * Points being written are never touched, nor what they build on. A RESTIC job's retention is restic forget, whose
 * dry run is the plan.
 */
@ApplicationScoped
public class BackupPruning {
    private static final Logger LOG = Logger.getLogger(BackupPruning.class.getName());

    @Inject
    PointCopies copies;

    @PersistenceContext
    EntityManager em;

    @Inject
    BackupPoints points;

    @Inject
    AuditLog audit;

    @Inject
    SharedSettings settings;

    @Inject
    ResticSnapshots snapshots;

    @Inject
    PointFiles pointFiles;

    /** The points the job's retention lets go, newest first; nothing changes. */
    @Transactional
    public List<BackupPoint> plan(long jobId) {
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job == null) {
            throw new NoSuchEntityException("job", jobId);
        }
        Retention retention = job.getRetention();
        if (job.getKind() == JobKind.RESTIC) {
            return points.snapshots(jobId, snapshots.forget(job, true)); // restic forget --dry-run decides, as it does for real
        }
        List<BackupPoint> all = em.createQuery("select p from BackupPoint p where p.jobId = :job order by p.startedAt desc, p.id desc",
                BackupPoint.class).setParameter("job", jobId).getResultList();
        if (!retention.prunes()) {
            return List.of();
        }
        List<RetentionRules.Candidate> candidates = all.stream().map(p -> new RetentionRules.Candidate(p.getId(), p.getStartedAt(),
                p.getStatus().usable(), p.getBasePointId())).toList();
        Set<Long> keep = new java.util.HashSet<>(RetentionRules.keep(candidates, new RetentionRules.Policy(retention.getKeepLast(),
                retention.getKeepDaily(), retention.getKeepWeekly(), retention.getKeepMonthly(), retention.getMaxAgeDays()),
                Instant.now(), settings.defaultZone()));
        Map<Long, BackupPoint> byId = new HashMap<>();
        all.forEach(p -> byId.put(p.getId(), p));
        for (BackupPoint point : all) {
            if (point.getStatus() == PointStatus.WRITING) {
                for (BackupPoint link = point; link != null; link = link.getBasePointId() == null ? null : byId.get(link.getBasePointId())) {
                    keep.add(link.getId());
                }
            }
        }
        List<BackupPoint> prune = new ArrayList<>();
        for (BackupPoint point : all) {
            if (!keep.contains(point.getId())) {
                prune.add(point);
            }
        }
        prune.sort(Comparator.comparing(BackupPoint::getId).reversed());
        return prune;
    }

    private List<BackupPoint> forget(BackupJob job) {
        List<BackupPoint> removed = points.forgetSnapshots(job.getId(), snapshots.forget(job, false));
        for (BackupPoint point : removed) {
            audit.record("backup.prune", "backup-point", point.getId(), "RESTIC snapshot " + point.getSnapshotId() + " of "
                    + point.getStartedAt() + ", job " + job.getId() + " (restic forget --prune)", null, null);
        }
        return removed;
    }

    /**
     * The files that command points staying behind list: a tool that writes the same name every run (db.dump)
     * overwrote an older point's file with a newer one, which pruning the older point must not delete.
     */
    private Set<Path> commandFilesKept(long jobId, List<BackupPoint> prune) {
        Set<Long> going = new java.util.HashSet<>();
        prune.forEach(point -> going.add(point.getId()));
        Set<Path> kept = new java.util.HashSet<>();
        for (BackupPoint point : em.createQuery("select p from BackupPoint p where p.jobId = :job and p.kind = :kind", BackupPoint.class)
                .setParameter("job", jobId).setParameter("kind", BackupKind.COMMAND).getResultList()) {
            if (!going.contains(point.getId())) {
                try {
                    Path directory = Path.of(point.getArchivePath());
                    Manifest.read(Path.of(point.getManifestPath())).files().keySet().forEach(file -> kept.add(directory.resolve(file).normalize()));
                } catch (IOException e) {
                    LOG.warning(() -> "the manifest of backup point " + point.getId() + " cannot be read: " + e.getMessage());
                }
            }
        }
        return kept;
    }

    /**
     * Removes what the plan lets go; returns what was removed. A RESTIC job's snapshots go by restic forget --prune,
     * then their points.
     */
    public List<BackupPoint> prune(long jobId) {
        BackupJob job = em.find(BackupJob.class, jobId);
        if (job != null && job.getKind() == JobKind.RESTIC) {
            return forget(job);
        }
        List<BackupPoint> prune = plan(jobId);
        Set<Path> keptFiles = prune.stream().anyMatch(p -> p.getKind() == BackupKind.COMMAND) ? commandFilesKept(jobId, prune) : Set.of();
        for (BackupPoint point : prune) {
            if (!copies.remove(point, LOG::warning)) {
                continue; // its copy could not be removed: the point stays, and the next pruning tries again
            }
            try {
                if (point.getKind() == BackupKind.COMMAND) {
                    Path manifest = Path.of(point.getManifestPath());
                    if (Files.exists(manifest)) {
                        ProducedFiles.delete(Path.of(point.getArchivePath()), Manifest.read(manifest), keptFiles);
                    }
                } else {
                    for (Path segment : point.archiveFiles()) {
                        Files.deleteIfExists(segment);
                    }
                    PointWriter.discard(Path.of(point.getArchivePath())); // and what a stopped write left
                    pointFiles.deleteKey(point);
                }
                Files.deleteIfExists(Path.of(point.getManifestPath()));
            } catch (IOException e) {
                LOG.warning(() -> "could not remove the files of backup point " + point.getId() + ": " + e.getMessage());
                continue; // its record stays, so nothing points at files that are half gone
            }
            points.remove(point.getId());
            audit.record("backup.prune", "backup-point", point.getId(), point.getKind() + " of " + point.getStartedAt() + ", job " + jobId,
                    null, null);
            LOG.info(() -> "backup point " + point.getId() + " (" + point.getKind() + ", " + point.getStartedAt() + ") of job " + jobId
                    + " pruned by its retention");
        }
        return prune;
    }
}
