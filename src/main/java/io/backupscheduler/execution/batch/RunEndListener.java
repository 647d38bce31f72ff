package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.RunCompletion;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.logging.Logger;

/** When backup-job ends, whatever way, the run's outcome is recorded and handed to the queue. */
@Named("runEndListener")
@Dependent
public class RunEndListener implements JobListener {
    private static final Logger LOG = Logger.getLogger(RunEndListener.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    RunningExecutions running;

    @Inject
    RunCompletion completion;

    /** The dispatcher recorded the start; the run only learns that the batch runtime took its job. */
    @Override
    public void beforeJob() {
        BatchRuns.find(jobContext, running).ifPresent(ActiveRun::jobBegan);
    }

    @Override
    public void afterJob() {
        String status = jobContext.getExitStatus() != null && jobContext.getExitStatus().equals("STOPPED") ? "STOPPED"
                : String.valueOf(jobContext.getBatchStatus());
        Optional<ActiveRun> run = BatchRuns.find(jobContext, running);
        if (run.isEmpty()) { // the watchdog ended it already, taking the job for dropped (RunSupervisor.endLostBatchJobs)
            LOG.warning(() -> "batch job " + jobContext.getExecutionId() + " ended " + status + " after its run was ended without it");
            return;
        }
        completion.finish(run.get(), status);
    }
}
