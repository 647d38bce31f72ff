package io.backupscheduler.execution.batch;

import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Ends a chunk of the archive-directory step by files, bytes to store or time (backup.directory.checkpoint-*).
 * A chunk's transaction holds no database work but the checkpoint, so it may last as long as a huge file takes.
 */
@Named("archiveCheckpoints")
@Dependent
public class ArchiveCheckpoints extends AbstractCheckpointAlgorithm {
    private static final int ONE_DAY_SECONDS = 86_400;

    @Inject
    StepContext stepContext;

    @Override
    public int checkpointTimeout() {
        return ONE_DAY_SECONDS; // the run's own time limit (RunControl) is what bounds it
    }

    @Override
    public boolean isReadyToCheckpoint() {
        return DirectoryStep.of(stepContext).checkpointDue();
    }
}
