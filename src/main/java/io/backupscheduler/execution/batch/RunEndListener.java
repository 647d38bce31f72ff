package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.RunCompletion;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** When backup-job ends, whatever way, the run's outcome is recorded and handed to the queue. */
@Named("runEndListener")
@Dependent
public class RunEndListener implements JobListener {
    @Inject
    JobContext jobContext;

    @Inject
    RunningExecutions running;

    @Inject
    RunCompletion completion;

    @Override
    public void beforeJob() {
        // nothing: the dispatcher recorded the start
    }

    @Override
    public void afterJob() {
        String status = jobContext.getExitStatus() != null && jobContext.getExitStatus().equals("STOPPED") ? "STOPPED"
                : String.valueOf(jobContext.getBatchStatus());
        completion.finish(BatchRuns.of(jobContext, running), status);
    }
}
