package io.backupscheduler.backup;

import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The record of backup points: begun by a run, written, verified or failed; listed; walked back to their full. */
@ApplicationScoped
@Transactional
public class BackupPoints {
    private static final Logger LOG = Logger.getLogger(BackupPoints.class.getName());

    @PersistenceContext
    EntityManager em;

    /**
     * Starts a point of the job in its target directory. INCREMENTAL builds on the job's latest usable point; with
     * none, the point is FULL (the caller logs that). {@code bucketOnly}: its segments go to the job's bucket as they
     * are finished and leave the target directory.
     */
    public BackupPoint begin(long jobId, Long executionId, BackupKind requested, Path target, boolean encrypted, boolean bucketOnly) {
        Optional<BackupPoint> base = requested == BackupKind.INCREMENTAL ? latestUsable(jobId) : Optional.empty();
        BackupPoint point = new BackupPoint(jobId, executionId, base.isPresent() ? BackupKind.INCREMENTAL : BackupKind.FULL,
                base.map(BackupPoint::getId).orElse(null), Instant.now());
        point.encrypted(encrypted);
        point.bucketOnly(bucketOnly);
        em.persist(point);
        em.flush();
        String name = "point-" + point.getId() + "-" + point.getKind().name().toLowerCase();
        point.placedAt(target.resolve(name + ".tar.zst").toString(), target.resolve(name + ".manifest").toString());
        LOG.info(() -> "backup point " + point.getId() + " (" + point.getKind() + (encrypted ? ", encrypted" : "") + (bucketOnly ? ", to the job's bucket" : "") + ") of job " + jobId
                + " begun by execution "
                + executionId + " in " + target);
        return point;
    }

    /**
     * Starts the point of a COMMAND run whose tool wrote files into the target: they stay where they are (the
     * point's archive path is that directory) and its manifest lists them.
     */
    public BackupPoint beginCommand(long jobId, Long executionId, Path target, Instant startedAt) {
        BackupPoint point = new BackupPoint(jobId, executionId, BackupKind.COMMAND, null, startedAt);
        em.persist(point);
        em.flush();
        point.placedAt(target.toString(), target.resolve("point-" + point.getId() + "-command.manifest").toString());
        return point;
    }

    /**
     * Records the snapshot a RESTIC run made: the point's archive is the repository, it has no manifest of ours, and
     * it counts as verified once {@code restic check} passed.
     */
    public BackupPoint recordSnapshot(long jobId, long executionId, String repository, String snapshotId, Instant startedAt,
                                      long files, long filesChanged, long bytes, long bytesAdded) {
        BackupPoint point = new BackupPoint(jobId, executionId, BackupKind.RESTIC, null, startedAt);
        point.placedAt(repository, "");
        point.snapshot(snapshotId);
        em.persist(point);
        point.written(files, filesChanged, bytes, bytesAdded, bytesAdded, 0, 0, Instant.now());
        em.flush();
        LOG.info(() -> "backup point " + point.getId() + " (RESTIC snapshot " + snapshotId + ") of job " + jobId + " recorded: " + files
                + " files, " + bytesAdded + " bytes added to " + repository);
        return point;
    }

    /** Removes the records of a RESTIC job's snapshots that restic forget removed (ids in full or short). */
    public List<BackupPoint> forgetSnapshots(long jobId, java.util.Collection<String> snapshotIds) {
        List<BackupPoint> removed = snapshots(jobId, snapshotIds);
        removed.forEach(em::remove);
        return removed;
    }

    /** The points of a RESTIC job's snapshots with these ids (in full or short), newest first. */
    public List<BackupPoint> snapshots(long jobId, java.util.Collection<String> snapshotIds) {
        List<BackupPoint> found = new java.util.ArrayList<>();
        if (snapshotIds.isEmpty()) {
            return found;
        }
        for (BackupPoint point : em.createQuery("select p from BackupPoint p where p.jobId = :job and p.kind = :restic"
                + " order by p.startedAt desc, p.id desc", BackupPoint.class)
                .setParameter("job", jobId).setParameter("restic", BackupKind.RESTIC).getResultList()) {
            String mine = point.getSnapshotId();
            if (mine != null && snapshotIds.stream().anyMatch(id -> id.startsWith(mine) || mine.startsWith(id))) {
                found.add(point);
            }
        }
        return found;
    }

    public void written(long id, ProducedFiles.Result result) {
        BackupPoint point = get(id);
        point.written(result.files(), result.files(), result.bytes(), result.bytes(), result.bytes(), 0,
                result.changedWhileRead().size(), Instant.now());
        logWritten(point);
    }

    public void written(long id, PointWriter.Sealed result) {
        BackupPoint point = get(id);
        point.written(result.filesTotal(), result.filesStored(), result.bytesTotal(), result.bytesStored(), result.archiveBytes(),
                result.manifest().deleted().size(), result.changedWhileRead().size(), Instant.now());
        point.segments(result.segments());
        logWritten(point);
    }

    private static void logWritten(BackupPoint point) {
        LOG.info(() -> "backup point " + point.getId() + " (" + point.getKind() + ") of job " + point.getJobId() + " written by execution "
                + point.getExecutionId() + ": " + point.getFilesStored() + " of " + point.getFileCount() + " files stored, "
                + point.getArchiveBytes() + " bytes");
    }

    /** Keeps how far a point being written got, in the caller's transaction (a chunk's, beside the batch checkpoint). */
    public void checkpointed(long id, String mark) {
        get(id).checkpointed(mark);
    }

    /** A stopped point goes on in another run (a restart of the same batch job). */
    public BackupPoint resume(long id, long executionId) {
        BackupPoint point = get(id);
        if (point.getStatus() != PointStatus.WRITING) {
            throw new IllegalStateException("backup point " + id + " is " + point.getStatus() + "; only a point being written resumes");
        }
        point.resumedBy(executionId);
        return point;
    }

    /** Records the verification: null means every file matched. */
    public void verified(long id, String problem) {
        BackupPoint point = get(id);
        point.verified(problem);
        if (problem == null) {
            LOG.info(() -> "backup point " + id + " of job " + point.getJobId() + " (execution " + point.getExecutionId() + ") verified");
        } else {
            LOG.severe(() -> "backup point " + id + " of job " + point.getJobId() + " (execution " + point.getExecutionId()
                    + ") failed verification: " + problem);
        }
    }

    public void failed(long id, String reason) {
        BackupPoint point = em.find(BackupPoint.class, id);
        if (point != null) {
            point.failed(reason);
            LOG.severe(() -> "backup point " + id + " of job " + point.getJobId() + " (execution " + point.getExecutionId()
                    + ") FAILED: " + reason);
        }
    }

    /** Removes a point's record (its files are gone already); points built on it must have gone first. */
    public void remove(long id) {
        BackupPoint point = em.find(BackupPoint.class, id);
        if (point != null) {
            em.remove(point);
        }
    }

    /** The job's points still being written (by a run in progress, or by one that stopped). */
    public List<BackupPoint> writing(long jobId) {
        return em.createQuery("select p from BackupPoint p where p.jobId = :job and p.status = :writing", BackupPoint.class)
                .setParameter("job", jobId).setParameter("writing", PointStatus.WRITING).getResultList();
    }

    /** The point a run wrote, if it wrote one. */
    public Optional<BackupPoint> ofExecution(long executionId) {
        return em.createQuery("select p from BackupPoint p where p.executionId = :execution order by p.id desc", BackupPoint.class)
                .setParameter("execution", executionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** The job's written or verified points, newest first. */
    public List<BackupPoint> usable(long jobId) {
        return em.createQuery("select p from BackupPoint p where p.jobId = :job and p.status in :usable order by p.startedAt desc, p.id desc",
                        BackupPoint.class)
                .setParameter("job", jobId).setParameter("usable", List.of(PointStatus.WRITTEN, PointStatus.VERIFIED)).getResultList();
    }

    public Optional<BackupPoint> latestUsable(long jobId) {
        return em.createQuery("select p from BackupPoint p where p.jobId = :job and p.status in :usable order by p.startedAt desc, p.id desc",
                        BackupPoint.class)
                .setParameter("job", jobId).setParameter("usable", List.of(PointStatus.WRITTEN, PointStatus.VERIFIED))
                .setMaxResults(1).getResultStream().findFirst();
    }

    public BackupPoint get(long id) {
        BackupPoint point = em.find(BackupPoint.class, id);
        if (point == null) {
            throw new NoSuchEntityException("backup point", id);
        }
        return point;
    }

    /** The point and the ones it builds on, back to its full, newest first. */
    public List<BackupPoint> chain(long id) {
        List<BackupPoint> chain = new ArrayList<>();
        BackupPoint point = get(id);
        chain.add(point);
        while (point.getBasePointId() != null && chain.size() < 10_000) {
            point = get(point.getBasePointId());
            chain.add(point);
        }
        return chain;
    }

    /** Points newest first; each filter is optional (null: any). */
    public Page<BackupPoint> search(Long jobId, BackupKind kind, PointStatus status, PageRequest page) {
        List<String> conditions = new ArrayList<>();
        if (jobId != null) {
            conditions.add("p.jobId = :job");
        }
        if (kind != null) {
            conditions.add("p.kind = :kind");
        }
        if (status != null) {
            conditions.add("p.status = :status");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = em.createQuery("select count(p) from BackupPoint p" + where, Long.class);
        TypedQuery<BackupPoint> select = em.createQuery("select p from BackupPoint p" + where + " order by p.startedAt desc, p.id desc",
                BackupPoint.class);
        for (TypedQuery<?> query : List.of(count, select)) {
            if (jobId != null) {
                query.setParameter("job", jobId);
            }
            if (kind != null) {
                query.setParameter("kind", kind);
            }
            if (status != null) {
                query.setParameter("status", status);
            }
        }
        return new Page<>(select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList(), count.getSingleResult(),
                page.page(), page.size());
    }
}
