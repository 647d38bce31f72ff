package io.backupscheduler.execution;

import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Writes a run's outcome to its Execution record and to its queue entry in one transaction, so that nobody reads a
 * FAILED record beside an entry that is still RUNNING, and a failed write leaves both as they were.
 */
@ApplicationScoped
@Transactional
public class RunOutcomeWriter {
    @Inject
    ExecutionRecorder recorder;

    @Inject
    JobQueue queue;

    /**
     * Both writes, or neither. A {@link io.backupscheduler.errors.ConflictException} means the entry was taken over,
     * removed or cancelled meanwhile; the record was then not written either, see {@link #recordOnly}.
     */
    public void write(ActiveRun run, String node, ExecutionStatus status, String error, ResourceUsage usage) {
        recordOnly(run, status, error, usage);
        if (status == ExecutionStatus.SUCCEEDED) {
            queue.complete(run.entryId(), node);
        } else if (status == ExecutionStatus.CANCELLED && run.handBack()) {
            queue.handBack(run.entryId(), node, error, Instant.now());
        } else if (status == ExecutionStatus.CANCELLED) {
            queue.cancel(run.entryId(), error);
        } else {
            queue.fail(run.entryId(), node, status + ": " + error);
        }
    }

    /** The record alone: for a run whose entry no longer takes its outcome. */
    public void recordOnly(ActiveRun run, ExecutionStatus status, String error, ResourceUsage usage) {
        recorder.finish(run.executionId(), status, run.exitCode(), error, run.enforcement(), usage);
    }
}
