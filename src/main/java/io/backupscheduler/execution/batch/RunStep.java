package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionRecorder;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunStopped;
import io.backupscheduler.execution.RunningExecutions;
import io.backupscheduler.lib.archive.WorkerCpu;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every step of a run's batch job does around its work: finds its run, records that it entered the step (or
 * each part of it, see CommandJobBatchlet), turns an unexpected error into a FAILED outcome with the message (the
 * batch runtime would only say "FAILED"), and returns the exit status the job XML branches on: COMPLETED, FAILED
 * or STOPPED.
 */
abstract class RunStep extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(RunStep.class.getName());
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String STOPPED = "STOPPED";

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    RunningExecutions running;

    @Inject
    ExecutionRecorder recorder;

    private volatile ActiveRun run;

    @Override
    public final String process() {
        ActiveRun current = BatchRuns.of(jobContext, running);
        run = current;
        current.stepEntered();
        try {
            return perform(current);
        } finally {
            current.stepLeft();
        }
    }

    /** The step's work under the step's own name. A step made of parts overrides this and runs each through part(). */
    String perform(ActiveRun current) {
        return part(current, stepContext.getStepName(), this::work);
    }

    /**
     * One part of a step: recorded as the run's step when it begins, skipped when a cancel came first, an unexpected
     * error turned into a FAILED outcome that names the part.
     */
    final String part(ActiveRun current, String name, Function<ActiveRun, String> work) {
        try {
            BatchRuns.entered(current, name, jobContext, recorder);
            if (current.cancelRequested()) {
                return stopped(current, current.timedOut() ? "ran past its time limit" : "cancelled");
            }
            return counted(current, work);
        } catch (RunStopped e) {
            return stopped(current, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "step " + name + " of execution " + current.executionId() + " failed", e);
            current.ended(ExecutionStatus.FAILED, null, "step " + name + " failed: " + e, null, null);
            return FAILED;
        }
    }

    /**
     * A user's cancel marks the run before it stops the batch job; a stop nobody asked for comes from the server
     * itself stopping the application, so the run goes back to the queue rather than ending for good.
     */
    @Override
    public void stop() {
        ActiveRun current = run;
        if (current != null && !current.cancelRequested()) {
            current.cancel("the server (stopping)", true);
        }
    }

    private static String stopped(ActiveRun run, String reason) {
        if (run.timedOut()) {
            run.ended(ExecutionStatus.TIMED_OUT, null, reason, null, null);
            return FAILED;
        }
        run.ended(ExecutionStatus.CANCELLED, null, reason, null, null);
        return STOPPED;
    }

    /** The work with the CPU time it cost this thread and the helpers it started (a verify's segment readers) added to the run. */
    private static String counted(ActiveRun current, Function<ActiveRun, String> work) {
        long before = WorkerCpu.ofThisThread();
        LongAdder helpers = WorkerCpu.open();
        try {
            return work.apply(current);
        } finally {
            WorkerCpu.close();
            current.addCpu(WorkerCpu.ofThisThread() - before + helpers.sum());
        }
    }

    /** The step's own work; returns COMPLETED, FAILED (after recording why on the run) or STOPPED. */
    abstract String work(ActiveRun run);
}
