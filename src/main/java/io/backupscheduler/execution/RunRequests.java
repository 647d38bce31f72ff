package io.backupscheduler.execution;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor's operations as users call them: run one job or a batch of jobs now (all queued or none), and
 * wait, up to a timeout, until runs are finished, with each one's result.
 */
@ApplicationScoped
public class RunRequests {
    /** Longest wait one request may ask for. */
    public static final int MAX_WAIT_SECONDS = 300;

    /** Where one queued run stands: its queue entry's status and, once it ran, its latest execution. */
    public record RunState(long entryId, long jobId, QueueStatus entryStatus, boolean finished, Execution latestExecution) {
    }

    @Inject
    JobQueue queue;

    @PersistenceContext
    EntityManager em;

    /** Queues a run of each job, in order, in one transaction: an unknown job queues none of them. */
    @Transactional
    public List<Long> queueAll(List<Long> jobIds, Priority priority, String data) {
        List<Long> entries = new ArrayList<>();
        for (Long jobId : jobIds) {
            try {
                entries.add(queue.add(jobId, priority, data, Set.of(), null, null).getId());
            } catch (NoSuchEntityException e) {
                throw InvalidInputException.of("jobIds", "job " + jobId + " does not exist");
            }
        }
        return entries;
    }

    /** Waits until every entry is finished (succeeded, dead, cancelled, blocked) or the timeout passes. */
    public List<RunState> await(Collection<Long> entryIds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<RunState> states = states(entryIds);
            if (states.stream().allMatch(RunState::finished) || !Instant.now().isBefore(deadline)) {
                return states;
            }
            Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    /** The state of each entry now, in the order asked; unknown entries are refused (404). */
    @Transactional
    public List<RunState> states(Collection<Long> entryIds) {
        Map<Long, Object[]> entries = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select e.id, e.job.id, e.status from QueueEntry e where e.id in :ids", Object[].class)
                .setParameter("ids", entryIds).getResultList()) {
            entries.put((Long) row[0], row);
        }
        Map<Long, Execution> latest = new LinkedHashMap<>();
        for (Execution execution : em.createQuery("select x from Execution x where x.queueEntryId in :ids order by x.id",
                Execution.class).setParameter("ids", entryIds).getResultList()) {
            latest.put(execution.getQueueEntryId(), execution);
        }
        List<RunState> states = new ArrayList<>();
        for (Long id : entryIds) {
            Object[] row = entries.get(id);
            if (row == null) {
                throw new NoSuchEntityException("queue entry", id);
            }
            QueueStatus status = (QueueStatus) row[2];
            states.add(new RunState(id, (Long) row[1], status, status.isFinal(), latest.get(id)));
        }
        return states;
    }
}
