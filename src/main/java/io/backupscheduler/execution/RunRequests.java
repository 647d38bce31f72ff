package io.backupscheduler.execution;

import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The executor's operations as users call them: run one job or a batch of jobs now (all queued or none), and
 * wait, up to a timeout, until runs are finished, with each one's result.
 */
@ApplicationScoped
public class RunRequests {
    /** Longest wait one request may ask for. */
    public static final int MAX_WAIT_SECONDS = 300;

    @Inject
    JobQueue queue;

    @Inject
    RunStates runStates;

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
    public List<RunStates.RunState> await(Collection<Long> entryIds, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            // each look is its own transaction: within one request the container would otherwise keep handing back
            // the executions it loaded on the first look, still RUNNING
            List<RunStates.RunState> states = runStates.of(entryIds);
            if (states.stream().allMatch(RunStates.RunState::finished) || !Instant.now().isBefore(deadline)) {
                return states;
            }
            Thread.sleep(Math.min(100, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }
}
