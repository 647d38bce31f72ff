package io.backupscheduler.queue;

import io.backupscheduler.job.Priority;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the queue looks like, for the API, the console and metrics: pages of entries, statuses, depth, statistics. Reads only. */
@ApplicationScoped
@Transactional
public class QueueReports {
    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** The status of each of these entries that still exists, in one query. */
    public Map<Long, QueueStatus> statusesOf(Collection<Long> ids) {
        Map<Long, QueueStatus> statuses = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select e.id, e.status from QueueEntry e where e.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                statuses.put((Long) row[0], (QueueStatus) row[1]);
            }
        }
        return statuses;
    }

    public Page<QueueEntry> search(Set<QueueStatus> statuses, Priority priority, PageRequest page) {
        String where = " where e.status in :statuses" + (priority == null ? "" : " and e.priority = :priority");
        Set<QueueStatus> wanted = statuses == null || statuses.isEmpty() ? Set.of(QueueStatus.values()) : statuses;
        var count = em.createQuery("select count(e) from QueueEntry e" + where, Long.class).setParameter("statuses", wanted);
        var select = em.createQuery("select e from QueueEntry e" + where + " order by e.priority, e.scheduledAt, e.id",
                QueueEntry.class).setParameter("statuses", wanted);
        if (priority != null) {
            count.setParameter("priority", priority);
            select.setParameter("priority", priority);
        }
        List<QueueEntry> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(items, count.getSingleResult(), page.page(), page.size());
    }

    public long size() {
        return em.createQuery("select count(e) from QueueEntry e where e.status in :open", Long.class)
                .setParameter("open", QueueStatus.OPEN)
                .getSingleResult();
    }

    /** Entries by priority and status, for every status but the two that only grow with history. */
    public QueueDepth depth() {
        return QueueDepth.of(em.createQuery("select e.priority, e.status, count(e) from QueueEntry e where e.status in :counted"
                        + " group by e.priority, e.status", Object[].class)
                .setParameter("counted", QueueDepth.STATUSES).getResultList());
    }

    public QueueStatistics statistics() {
        Instant now = clock.instant();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (QueueStatus status : QueueStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        for (Object[] row : em.createQuery("select e.status, count(e) from QueueEntry e group by e.status", Object[].class)
                .getResultList()) {
            byStatus.put(((QueueStatus) row[0]).name(), (Long) row[1]);
        }
        Map<String, Long> byPriority = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            byPriority.put(priority.name(), 0L);
        }
        for (Object[] row : em.createQuery("select e.priority, count(e) from QueueEntry e where e.status in :open"
                        + " group by e.priority", Object[].class)
                .setParameter("open", QueueStatus.OPEN)
                .getResultList()) {
            byPriority.put(((Priority) row[0]).name(), (Long) row[1]);
        }
        Instant oldestReady = em.createQuery("select min(e.notBefore) from QueueEntry e where e.status = :ready", Instant.class)
                .setParameter("ready", QueueStatus.READY).getSingleResult();
        List<Object[]> started = em.createQuery("select e.scheduledAt, min(a.startedAt) from QueueAttempt a, QueueEntry e"
                        + " where a.entryId = e.id and a.startedAt >= :since group by e.id, e.scheduledAt", Object[].class)
                .setParameter("since", now.minus(Duration.ofDays(1))).getResultList();
        List<Long> waits = new ArrayList<>();
        for (Object[] row : started) {
            waits.add(Math.max(0, Duration.between((Instant) row[0], (Instant) row[1]).toMillis()));
        }
        long completed = em.createQuery("select count(e) from QueueEntry e where e.status = :done and e.finishedAt >= :since",
                        Long.class)
                .setParameter("done", QueueStatus.SUCCEEDED).setParameter("since", now.minus(Duration.ofHours(1)))
                .getSingleResult();
        return new QueueStatistics(byStatus, byPriority,
                oldestReady == null ? 0 : Math.max(0, Duration.between(oldestReady, now).toSeconds()),
                waits.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0, completed, size());
    }
}
