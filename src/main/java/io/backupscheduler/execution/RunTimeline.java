package io.backupscheduler.execution;

import io.backupscheduler.persistence.LikePatterns;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.queue.RunPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * What a timeline of the runs draws: the runs that overlap a window of time, each with when its queue entry was
 * queued (the wait before it started), and the entries still waiting to start. Reads only.
 */
@ApplicationScoped
public class RunTimeline {
    @PersistenceContext
    EntityManager em;

    /** One run: queued, started, finished (null while it runs) and how it ended. */
    public record Run(long executionId, long jobId, String jobName, RunPurpose purpose, Instant queuedAt, Instant startedAt,
                      Instant finishedAt, ExecutionStatus status, String error) {
    }

    /** An entry that has not started (ready, waiting for its dependencies or for its retry), queued at {@code queuedAt}. */
    public record Waiting(long entryId, long jobId, String jobName, Instant queuedAt, QueueStatus status, String reason) {
    }

    /**
     * The runs that were running at some moment in [from, to) of the jobs whose name contains {@code jobName} (any
     * case; empty: every job), earliest first; the newest {@code max} of them when there are more.
     */
    public List<Run> runs(Instant from, Instant to, String jobName, int max) {
        List<Run> newestFirst = em.createQuery("select e.id, e.jobId, e.jobName, e.purpose, q.scheduledAt, e.startedAt, e.finishedAt, e.status,"
                        + " e.error from Execution e left join QueueEntry q on q.id = e.queueEntryId"
                        + " where e.startedAt < :to and (e.finishedAt is null or e.finishedAt >= :from) and lower(e.jobName) like :name escape '\\'"
                        + " order by e.startedAt desc, e.id desc", Object[].class)
                .setParameter("from", from).setParameter("to", to).setParameter("name", LikePatterns.containing(jobName))
                .setMaxResults(max).getResultList().stream()
                .map(r -> new Run((Long) r[0], (Long) r[1], (String) r[2], (RunPurpose) r[3], (Instant) r[4], (Instant) r[5], (Instant) r[6],
                        (ExecutionStatus) r[7], (String) r[8]))
                .toList();
        List<Run> earliestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(earliestFirst);
        return earliestFirst;
    }

    /** The entries queued and not started of the jobs whose name contains {@code jobName}, oldest first; at most {@code max}. */
    public List<Waiting> waiting(String jobName, int max) {
        return em.createQuery("select q.id, q.job.id, q.job.name, q.scheduledAt, q.status, q.statusReason from QueueEntry q where q.status in :waiting"
                        + " and lower(q.job.name) like :name escape '\\' order by q.scheduledAt, q.id", Object[].class)
                .setParameter("waiting", List.of(QueueStatus.PENDING, QueueStatus.READY, QueueStatus.RETRY_WAIT))
                .setParameter("name", LikePatterns.containing(jobName))
                .setMaxResults(max).getResultList().stream()
                .map(r -> new Waiting((Long) r[0], (Long) r[1], (String) r[2], (Instant) r[3], (QueueStatus) r[4], (String) r[5]))
                .toList();
    }
}
