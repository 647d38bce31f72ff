package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionRecorder;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.runtime.context.JobContext;

/** Finds the run a batch job works for, by the executionId job property. */
final class BatchRuns {
    private BatchRuns() {
    }

    /** Marks the run, in memory and in its record, as having entered this step (or part of a step). */
    static void entered(ActiveRun run, String step, ExecutionRecorder recorder) {
        run.step(step);
        recorder.step(run.executionId(), step);
    }

    static ActiveRun of(JobContext job, RunningExecutions running) {
        String id = job.getProperties().getProperty("executionId");
        if (id == null) {
            throw new IllegalStateException("batch job " + job.getExecutionId() + " has no executionId parameter");
        }
        return running.get(Long.parseLong(id)).orElseThrow(() -> new IllegalStateException(
                "execution " + id + " is not running on this node (batch job " + job.getExecutionId() + ")"));
    }
}
