package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.BucketPoints;
import io.backupscheduler.backup.PointFiles;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.lib.archive.WorkerCpu;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams a chunk's changed files into the point's open archive segment and journals every file's manifest line;
 * at each checkpoint the segment is finished and forced to disk (see {@link PointWriter}). Its checkpoint:
 * "segments|journal bytes".
 */
@Named("archiveWriter")
@Dependent
public class ArchiveWriter extends AbstractItemWriter {
    @Inject
    StepContext stepContext;

    @Inject
    PointFiles pointFiles;

    @Inject
    BackupPoints points;

    @Inject
    BucketPoints bucketPoints;

    private DirectoryStep state;
    private PointWriter writer;
    private LongAdder journalCpu;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        state = DirectoryStep.of(stepContext);
        // the writer hashes on a thread of its own, which inherits this account and adds its CPU time to it when it ends
        journalCpu = WorkerCpu.open();
        try {
            writer = openWriter(checkpoint);
        } finally {
            WorkerCpu.close();
        }
    }

    private PointWriter openWriter(Serializable checkpoint) throws IOException {
        return DirectoryStep.guarded(state.run, () -> {
            PointSealing sealing = pointFiles.sealing(state.point); // an encrypted point's key was made when it began
            if (state.resumed && checkpoint instanceof String text && text.contains("|")) {
                return PointWriter.resume(state.archive(), state.point.getId(), parse(text), sealing, state.point.isBucketOnly());
            }
            if (state.resumed && state.writerCheckpoint != null) { // resumed from the point's row: a new batch job
                return PointWriter.resume(state.archive(), state.point.getId(), state.writerCheckpoint, sealing, state.point.isBucketOnly());
            }
            return PointWriter.start(state.archive(), state.point.getId(), sealing);
        });
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        DirectoryStep.guarded(state.run, () -> {
            for (Object object : items) {
                ChangeDetector.Item item = (ChangeDetector.Item) object;
                if (item.unchanged() != null) {
                    writer.unchanged(item.unchanged());
                } else {
                    state.control.checkpoint();
                    writer.store(item.candidate().file(), item.candidate().path(), item.candidate().attributes(), state.control);
                }
                state.examined(item.candidate().attributes().size());
            }
            return null;
        });
    }

    @Override
    public Serializable checkpointInfo() throws Exception {
        if (writer == null) {
            return null;
        }
        PointWriter.Checkpoint checkpoint = DirectoryStep.guarded(state.run, () -> {
            PointWriter.Checkpoint done = writer.checkpoint();
            if (state.point.isBucketOnly()) {
                // the finished segments go up before the checkpoint commits: a later attempt finds every one it counts
                bucketPoints.ship(state.point, finishedHere(done), state.control::beforeBytes);
            }
            return done;
        });
        state.checkpointed();
        // the same checkpoint on the point's row, committed with the batch one: any later attempt of the entry finds it
        points.checkpointed(state.point.getId(), new PointResumeMark(state.mark(), checkpoint).encode());
        return encode(checkpoint);
    }

    /** The finished segments still in the target directory: those not sent to the bucket yet. */
    private List<Path> finishedHere(PointWriter.Checkpoint checkpoint) {
        List<Path> here = new ArrayList<>();
        for (int i = 0; i < checkpoint.segments(); i++) {
            Path segment = PointWriter.segment(state.archive(), i);
            if (Files.isRegularFile(segment)) {
                here.add(segment);
            }
        }
        return here;
    }

    static String encode(PointWriter.Checkpoint checkpoint) {
        return checkpoint.segments() + "|" + checkpoint.journalBytes();
    }

    /** The writer's checkpoint read back; null when the text is not one. */
    static PointWriter.Checkpoint parse(String text) {
        String[] parts = text.split("\\|");
        return parts.length != 2 ? null : new PointWriter.Checkpoint(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
            state.run.addCpu(journalCpu.sum());
        }
    }
}
