package io.backupscheduler.execution;

import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.queue.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where queued runs stand: each entry's status and its latest execution, read in one transaction. */
@ApplicationScoped
@Transactional
public class RunStates {
    /** Where one queued run stands: its queue entry's status and, once it ran, its latest execution. */
    public record RunState(long entryId, long jobId, QueueStatus entryStatus, boolean finished, Execution latestExecution) {
    }

    @PersistenceContext
    EntityManager em;

    /** The state of each entry now, in the order asked; unknown entries are refused (404). */
    public List<RunState> of(Collection<Long> entryIds) {
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
