package io.backupscheduler.execution;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.node.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Ends a run: its Execution record gets the final status, and the queue learns the outcome (success releases
 * dependents, failure goes to retry or the dead letters, cancel is final, a shutdown hands the entry back).
 */
@ApplicationScoped
public class RunCompletion {
    private static final Logger LOG = Logger.getLogger(RunCompletion.class.getName());

    @Inject
    RunOutcomeWriter outcomes;

    @Inject
    RunningExecutions running;

    @Inject
    NodeIdentity node;

    @Inject
    Event<WorkerSlotFreed> slotFreed;

    @Inject
    Event<RunEnded> runEnded;

    @Inject
    BackupPoints points;

    @Inject
    RunSettings settings;

    /**
     * Called when a run's batch job ended, whatever way, or when the watchdog found it dropped by the batch runtime;
     * only the first call for a run does anything.
     */
    public void finish(ActiveRun run, String batchStatus) {
        if (!run.beginEnding()) {
            LOG.fine(() -> "execution " + run.executionId() + " is already being ended");
            return;
        }
        try {
            RunOutcome outcome = RunOutcome.of(new RunOutcome.Reported(run.status(), run.error(), run.timedOut(),
                    run.limits().getMaxExecutionSeconds(), run.cancelRequested(), run.handBack(), run.cancelledBy()), batchStatus, node.id());
            ExecutionStatus status = outcome.status();
            String error = outcome.error();
            ResourceUsage usage = usageOf(run);
            record(run, status, error, usage);
            Duration duration = Duration.between(run.startedAt(), Instant.now());
            LOG.log(status == ExecutionStatus.SUCCEEDED || status == ExecutionStatus.CANCELLED ? Level.INFO : Level.SEVERE,
                    () -> "execution " + run.executionId() + " of job " + run.jobId() + " '" + run.jobName() + "' (queue entry "
                            + run.entryId() + ") ended " + status + " after " + duration.toMillis() + " ms"
                            + (error == null ? "" : ": " + error));
            announce(new RunEnded(run.executionId(), run.entryId(), run.jobId(), run.jobName(), run.kind(), status, duration,
                    usage.bytesRead(), usage.bytesWritten(), error));
        } finally {
            running.remove(run.executionId());
            slotFreed.fire(new WorkerSlotFreed(run.executionId()));
        }
    }

    /**
     * What the run used. A directory backup runs in this JVM, not in a process whose I/O is sampled: its bytes are
     * what its backup point read from the source (the files it stored) and wrote to the target (the archive).
     */
    private ResourceUsage usageOf(ActiveRun run) {
        ResourceUsage usage = run.usage();
        if (run.kind() != JobKind.DIRECTORY || run.backupPointId() == null) {
            return usage;
        }
        try {
            BackupPoint point = points.get(run.backupPointId());
            return usage.withBytes(point.getBytesStored() == null ? 0 : point.getBytesStored(),
                    point.getArchiveBytes() == null ? 0 : point.getArchiveBytes());
        } catch (RuntimeException e) { // a failed point may be gone already: the run then wrote nothing that stayed
            return usage;
        }
    }

    /**
     * Writes the outcome to the run's record and the queue. When the database is away (an outage, a failover) the
     * write is tried again until it returns, for as long as the entry's lease lasts: a run that finished during a
     * short outage is recorded once it is over, instead of being left RUNNING and run again after its lease expired.
     */
    private void record(ActiveRun run, ExecutionStatus status, String error, ResourceUsage usage) {
        Instant giveUpAt = Instant.now().plus(settings.lease());
        long waitMillis = 500;
        boolean entryGone = false;
        while (true) {
            try {
                if (entryGone) {
                    outcomes.recordOnly(run, status, error, usage);
                } else {
                    outcomes.write(run, node.id(), status, error, usage);
                }
                return;
            } catch (ConflictException e) { // the entry was taken over, removed or cancelled meanwhile: the record stands alone
                LOG.warning(() -> "queue entry " + run.entryId() + " could not take the outcome of execution " + run.executionId()
                        + ": " + e.getMessage());
                entryGone = true;
            } catch (RuntimeException e) {
                if (Instant.now().plusMillis(waitMillis).isAfter(giveUpAt)) {
                    LOG.log(Level.SEVERE, "the outcome of execution " + run.executionId() + " could not be recorded; queue entry "
                            + run.entryId() + " will be taken back when its lease expires", e);
                    return;
                }
                LOG.warning(() -> "the outcome of execution " + run.executionId() + " could not be recorded yet (" + e
                        + "); trying again");
                if (!pause(waitMillis)) {
                    return;
                }
                waitMillis = Math.min(waitMillis * 2, 5_000);
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Metrics and alerts listen; a listener that fails must not keep the run from ending. */
    private void announce(RunEnded ended) {
        try {
            runEnded.fire(ended);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a listener failed on the end of execution " + ended.executionId(), e);
        }
    }
}
