package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.api.Decider;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Chooses backup-job's work step by the job's kind: DIRECTORY or RESTIC (a COMMAND run is command-job). */
@Named("workKindDecider")
@Dependent
public class WorkKindDecider implements Decider {
    @Inject
    JobContext jobContext;

    @Inject
    RunningExecutions running;

    @Override
    public String decide(StepExecution[] previous) {
        return BatchRuns.of(jobContext, running).kind().name();
    }
}
