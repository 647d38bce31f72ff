package io.backupscheduler.execution;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.node.NodeIdentity;
import io.backupscheduler.queue.JobQueue;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks after the runs this node has started, apart from the loop that starts them: keeps their queue leases
 * alive, carries cancel requests stored by any node to the run, stops in-JVM work that outlived its time limit,
 * ends runs whose batch job the batch runtime dropped, and closes the records of runs whose node died. When each
 * acts is {@link SupervisionRules}.
 */
@ApplicationScoped
public class RunSupervisor {
    private static final Logger LOG = Logger.getLogger(RunSupervisor.class.getName());

    @Inject
    JobQueue queue;

    @Inject
    ExecutionRecorder recorder;

    @Inject
    RunningExecutions running;

    @Inject
    NodeIdentity node;

    @Inject
    RunSettings settings;

    @Inject
    RunCompletion completion;

    /** Cancel requests stored by any node reach the run here. */
    public void carryCancelRequests() {
        if (running.count() == 0) {
            return;
        }
        List<Long> ids = running.all().stream().filter(r -> !r.cancelRequested()).map(ActiveRun::executionId).toList();
        for (Object[] row : recorder.cancelRequestsAmong(ids)) {
            running.get((Long) row[0]).ifPresent(run -> cancelLocally(run, (String) row[1], false));
        }
    }

    /** Any step that outlives its run's time limit (a hung file system under in-JVM work) is stopped. */
    public void expireOverdue() {
        Instant now = Instant.now();
        for (ActiveRun run : running.all()) {
            Integer limit = run.limits().getMaxExecutionSeconds();
            if (!run.cancelRequested() && SupervisionRules.overdue(limit, run.startedAt(), settings.killGrace(), now)) {
                LOG.warning(() -> "execution " + run.executionId() + " outlived its time limit of " + limit + " s in step "
                        + run.step() + "; stopping it");
                run.expire();
                stopBatchJob(run);
            }
        }
    }

    /** Stops a run on this node: its process tree and its batch job; with {@code handBack} its entry goes back unrun. */
    public void cancelLocally(ActiveRun run, String by, boolean handBack) {
        run.cancel(by, handBack);
        stopBatchJob(run);
    }

    /** Stops every run on this node and hands its entry back (the node is shutting down). */
    public void handBackAll() {
        for (ActiveRun run : running.all()) {
            LOG.warning(() -> "execution " + run.executionId() + " still running at shutdown: stopping it and handing queue entry "
                    + run.entryId() + " back");
            cancelLocally(run, "shutdown", true);
        }
    }

    private static void stopBatchJob(ActiveRun run) {
        Long batchExecution = run.batchExecutionId();
        if (batchExecution != null) {
            try {
                BatchRuntime.getJobOperator().stop(batchExecution);
            } catch (RuntimeException e) { // already ending: the run's own cancel flag is enough
                LOG.log(Level.FINE, "batch stop of execution " + run.executionId() + " refused", e);
            }
        }
    }

    /**
     * Ends the runs whose batch job the batch runtime dropped without ending it (see {@link SupervisionRules#batchJobLost}):
     * FAILED, so that their entry is retried, instead of RUNNING with a lease renewed for ever.
     */
    public void endLostBatchJobs() {
        Instant now = Instant.now();
        Duration bound = settings.droppedJobAfter();
        for (ActiveRun run : running.all()) {
            try {
                BatchJobSigns signs = run.signs();
                if (SupervisionRules.batchJobLost(signs, bound, now, () -> batchStatusOf(run))) {
                    String reason = "the batch runtime dropped the job without ending it: " + (signs.began()
                            ? "nothing ran for " + bound.toSeconds() + " s after " + (run.step() == null ? "it began" : "step " + run.step())
                            : "it never began, " + Duration.between(run.startedAt(), now).toSeconds() + " s after it was started")
                            + "; the server could not write its batch records (was the database away?)";
                    LOG.warning(() -> "execution " + run.executionId() + " (queue entry " + run.entryId() + "): " + reason);
                    run.lost(reason);
                    keepBatchIds(run);
                    completion.finish(run, "FAILED");
                }
            } catch (RuntimeException e) { // the next look tries again; the dispatcher's loop must not die of it
                LOG.log(Level.WARNING, "could not end execution " + run.executionId() + ", whose batch job looks dropped", e);
            }
        }
    }

    /**
     * Records a dropped job's batch ids, which its first step would have recorded: without them the purge could not
     * remove the job's batch records with the run's. Best effort; the run ends whether or not they are written.
     */
    private void keepBatchIds(ActiveRun run) {
        try {
            long instance = BatchRuntime.getJobOperator().getJobInstance(run.batchExecutionId()).getInstanceId();
            recorder.step(run.executionId(), run.step(), instance, run.batchExecutionId());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not record the batch ids of execution " + run.executionId(), e);
        }
    }

    /** The batch runtime's status of the run's job, null when it cannot be read. */
    private static String batchStatusOf(ActiveRun run) {
        try {
            return String.valueOf(BatchRuntime.getJobOperator().getJobExecution(run.batchExecutionId()).getBatchStatus());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "batch status of execution " + run.executionId() + " unreadable", e);
            return null;
        }
    }

    /** Renews the leases of this node's runs and closes the records of runs whose node died. */
    public void keepRunsAlive() {
        for (ActiveRun run : running.all()) {
            try {
                queue.renewLease(run.entryId(), node.id(), settings.lease());
            } catch (ConflictException e) { // cancelled or removed through the queue, or taken over: stop working on it
                LOG.warning(() -> "execution " + run.executionId() + " lost its queue entry " + run.entryId() + " ("
                        + e.getMessage() + "); stopping it");
                cancelLocally(run, "the queue (entry no longer leased to " + node.id() + ")", false);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not renew the lease of queue entry " + run.entryId(), e);
            }
        }
        try {
            int closed = recorder.closeOrphans(running.all().stream().map(ActiveRun::executionId).toList());
            if (closed > 0) {
                LOG.warning(() -> closed + " executions of stopped nodes were closed as FAILED");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not close orphaned executions", e);
        }
    }
}
