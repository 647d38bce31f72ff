package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionRecorder;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.runtime.context.JobContext;
import java.util.Optional;

/** Finds the run a batch job works for, by the executionId job property. */
final class BatchRuns {
    private BatchRuns() {
    }

    /** Marks the run, in memory and in its record (with its batch job's ids), as having entered this step or part. */
    static void entered(ActiveRun run, String step, JobContext job, ExecutionRecorder recorder) {
        run.step(step);
        recorder.step(run.executionId(), step, job.getInstanceId(), job.getExecutionId());
    }

    static ActiveRun of(JobContext job, RunningExecutions running) {
        return find(job, running).orElseThrow(() -> new IllegalStateException("execution " + executionId(job)
                + " is not running on this node (batch job " + job.getExecutionId() + ")"));
    }

    /** The run, or empty when it is no longer running here (it was ended without its job: see RunSupervisor). */
    static Optional<ActiveRun> find(JobContext job, RunningExecutions running) {
        return running.get(executionId(job));
    }

    private static long executionId(JobContext job) {
        String id = job.getProperties().getProperty("executionId");
        if (id == null) {
            throw new IllegalStateException("batch job " + job.getExecutionId() + " has no executionId parameter");
        }
        return Long.parseLong(id);
    }
}
