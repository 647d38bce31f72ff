package io.backupscheduler.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows of point copies, each change in a transaction of its own: uploads take minutes and run outside any
 * transaction, so a copy's row says where it stands at every moment (COPYING while the objects go up).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PointCopyRecords {
    @PersistenceContext
    EntityManager em;

    /** A new copy of the point (an earlier attempt's row is replaced). */
    public void begin(long pointId, long jobId, String target) {
        PointCopy earlier = em.find(PointCopy.class, pointId);
        if (earlier != null) {
            em.remove(earlier);
            em.flush();
        }
        em.persist(new PointCopy(pointId, jobId, target, Instant.now()));
    }

    public void uploaded(long pointId, List<PointCopy.StoredObject> objects) {
        em.find(PointCopy.class, pointId).uploaded(objects, Instant.now());
    }

    /**
     * Adds objects to a point's record (one with the same name is replaced: a segment written again after a resume);
     * the record is created when the point has none.
     */
    public void added(long pointId, long jobId, String target, List<PointCopy.StoredObject> objects) {
        PointCopy copy = em.find(PointCopy.class, pointId);
        if (copy == null) {
            copy = new PointCopy(pointId, jobId, target, Instant.now());
            em.persist(copy);
        }
        java.util.Set<String> names = objects.stream().map(PointCopy.StoredObject::name).collect(Collectors.toSet());
        List<PointCopy.StoredObject> all = new java.util.ArrayList<>(copy.storedObjects().stream().filter(o -> !names.contains(o.name())).toList());
        all.addAll(objects);
        copy.uploaded(all, Instant.now());
    }

    /** Leaves out of a point's record the objects {@code drop} names; what it dropped. */
    public List<PointCopy.StoredObject> dropped(long pointId, java.util.function.Predicate<String> drop) {
        PointCopy copy = em.find(PointCopy.class, pointId);
        if (copy == null) {
            return List.of();
        }
        List<PointCopy.StoredObject> gone = copy.storedObjects().stream().filter(o -> drop.test(o.name())).toList();
        if (!gone.isEmpty()) {
            copy.uploaded(copy.storedObjects().stream().filter(o -> !drop.test(o.name())).toList(), Instant.now());
        }
        return gone;
    }

    public void verified(long pointId) {
        PointCopy copy = em.find(PointCopy.class, pointId);
        if (copy != null) {
            copy.verified(Instant.now());
        }
    }

    public void failed(long pointId, String reason) {
        PointCopy copy = em.find(PointCopy.class, pointId);
        if (copy != null) {
            copy.failed(reason, Instant.now());
        }
    }

    public void remove(long pointId) {
        PointCopy copy = em.find(PointCopy.class, pointId);
        if (copy != null) {
            em.remove(copy);
        }
    }

    /** The points of the job whose copies are COPYING and began after {@code since}: copies that may be going on now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> copyingSince(long jobId, Instant since) {
        return em.createQuery("select c.pointId from PointCopy c where c.jobId = :job and c.status = :copying and c.startedAt > :since", Long.class)
                .setParameter("job", jobId).setParameter("copying", CopyStatus.COPYING).setParameter("since", since).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PointCopy> of(long pointId) {
        return Optional.ofNullable(em.find(PointCopy.class, pointId));
    }

    /** The copies of these points, by point id (points without a copy are absent). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, PointCopy> of(Collection<Long> pointIds) {
        if (pointIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select c from PointCopy c where c.pointId in :ids", PointCopy.class).setParameter("ids", pointIds)
                .getResultList().stream().collect(Collectors.toMap(PointCopy::getPointId, Function.identity()));
    }
}
