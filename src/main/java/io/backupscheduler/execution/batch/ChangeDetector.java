package io.backupscheduler.execution.batch;

import io.backupscheduler.lib.archive.DirectoryArchiver;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.archive.ManifestEntry;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Decides, per file, whether the point stores it or keeps the previous point's entry (same size and modification
 * time), and counts what the chunk will write so that checkpoints come by bytes as well as files.
 */
@Named("changeDetector")
@Dependent
public class ChangeDetector implements ItemProcessor {
    @Inject
    StepContext stepContext;

    /** A file and, when it did not change since the point before, that point's entry for it. */
    record Item(FileSelection.Candidate candidate, ManifestEntry unchanged) {
    }

    @Override
    public Object processItem(Object item) {
        DirectoryStep state = DirectoryStep.of(stepContext);
        FileSelection.Candidate candidate = (FileSelection.Candidate) item;
        ManifestEntry unchanged = DirectoryArchiver.unchanged(state.previous, candidate);
        state.filesSinceCheckpoint++;
        if (unchanged == null) {
            state.bytesSinceCheckpoint += candidate.attributes().size();
        }
        return new Item(candidate, unchanged);
    }
}
