package io.backupscheduler.execution;

import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Finished runs for tests of other packages that read the run history. */
public final class ExecutionFixtures {
    private ExecutionFixtures() {
    }

    /** Persists a COMMAND run of the job that started at {@code start} and ended {@code seconds} later with the status. */
    public static long finishedRun(EntityManager em, long jobId, String jobName, Instant start, long seconds, ExecutionStatus status) {
        Execution execution = new Execution(null, jobId, jobName, JobKind.COMMAND, 1, "node", start, new ResourceLimits());
        em.persist(execution);
        boolean ok = status == ExecutionStatus.SUCCEEDED;
        execution.finished(status, start.plusSeconds(seconds), ok ? 0 : 1, ok ? null : "exit 1", null, null);
        return execution.getId();
    }
}
