package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.PointFiles;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * How an archive-directory step that did not finish leaves its point. Stopped by the server, failed or timed out,
 * the point stays WRITING with its checkpoint, and the entry's next attempt resumes it. Cancelled by a user, it
 * will not be resumed: its partial files go and it is marked FAILED. It also tells the run when the chunk step begins
 * and ends, as RunStep does for the batchlets, so that a long file is never taken for a batch job the runtime dropped.
 */
@Named("archiveStepListener")
@Dependent
public class ArchiveStepListener extends AbstractStepListener {
    private static final Logger LOG = Logger.getLogger(ArchiveStepListener.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    RunningExecutions running;

    @Inject
    BackupPoints points;

    @Inject
    PointFiles pointFiles;

    /** The chunk step is busy from here to its end, however long a file takes to write: see RunStep for the batchlets. */
    @Override
    public void beforeStep() {
        BatchRuns.of(jobContext, running).stepEntered();
    }

    @Override
    public void afterStep() {
        BatchRuns.find(jobContext, running).ifPresent(ActiveRun::stepLeft);
        if (!(stepContext.getTransientUserData() instanceof DirectoryStep state)) {
            return; // the reader never opened: no point was begun
        }
        ActiveRun run = state.run;
        BatchStatus status = stepContext.getBatchStatus();
        if ((status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) && !run.cancelRequested()) {
            run.cancel("the server (stopping)", true); // nobody asked: the application is going down, the entry goes back
        }
        if (run.cancelRequested() && !run.handBack() && !run.timedOut()) {
            try {
                PointWriter.discard(state.archive());
                pointFiles.deleteKey(state.point);
            } catch (IOException e) {
                LOG.warning(() -> "could not remove the partial files of backup point " + state.point.getId() + ": " + e.getMessage());
            }
            points.failed(state.point.getId(), "cancelled by " + run.cancelledBy() + " while it was written");
        } else if (run.failed() || run.cancelRequested()) {
            run.appendToLog("[backup] point " + state.point.getId() + " stopped after " + state.filesDone + " files; the next attempt "
                    + "resumes it from its last checkpoint");
        }
    }
}
