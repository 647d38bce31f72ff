package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.lib.archive.CheckpointPolicy;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.lib.archive.WorkerCpu;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunControl;
import io.backupscheduler.execution.RunStopped;
import jakarta.batch.runtime.context.StepContext;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the reader, processor, writer and checkpoint algorithm of the archive-directory chunk step share, kept as
 * the step's transient user data: the run, its point, the selection and the previous manifest, and the counts
 * since the last checkpoint. The reader creates it when the step opens.
 */
final class DirectoryStep {
    final ActiveRun run;
    final BackupPoint point;
    final boolean resumed;
    final FileSelection selection;
    final Manifest previous;
    final RunControl control;
    final CheckpointPolicy policy;
    final long[] expected;
    long filesDone;
    long bytesDone;
    long filesSinceCheckpoint;
    long bytesSinceCheckpoint;
    long checkpointNanos = System.nanoTime();
    /** The path of the last file read; at a checkpoint, the last one written. */
    String lastPath;
    /** Where the writer goes on from when the point resumes from its row rather than from a batch checkpoint. */
    PointWriter.Checkpoint writerCheckpoint;

    DirectoryStep(ActiveRun run, BackupPoint point, boolean resumed, FileSelection selection, Manifest previous, RunControl control,
                  CheckpointPolicy policy, long[] expected, long filesDone, long bytesDone) {
        this.run = run;
        this.point = point;
        this.resumed = resumed;
        this.selection = selection;
        this.previous = previous;
        this.control = control;
        this.policy = policy;
        this.expected = expected;
        this.filesDone = filesDone;
        this.bytesDone = bytesDone;
    }

    /** How far reading got: the reader's checkpoint, and the reader's part of the mark kept on the point's row. */
    DirectoryReader.Mark mark() {
        return new DirectoryReader.Mark(point.getId(), filesDone, bytesDone, lastPath);
    }

    static DirectoryStep of(StepContext step) {
        if (step.getTransientUserData() instanceof DirectoryStep state) {
            return state;
        }
        throw new IllegalStateException("step " + step.getStepName() + " has no directory backup state: its reader did not open");
    }

    Path archive() {
        return Path.of(point.getArchivePath());
    }

    void examined(long size) {
        filesDone++;
        bytesDone += size;
        run.progress(filesDone, Math.max(filesDone, expected[0]), bytesDone, Math.max(bytesDone, expected[1]));
    }

    boolean checkpointDue() {
        return policy.due(filesSinceCheckpoint, bytesSinceCheckpoint, (System.nanoTime() - checkpointNanos) / 1_000_000);
    }

    void checkpointed() {
        filesSinceCheckpoint = 0;
        bytesSinceCheckpoint = 0;
        checkpointNanos = System.nanoTime();
    }

    /** Runs a piece of the step's work; a failure is recorded on the run with its message before the step fails. */
    static <T> T guarded(ActiveRun run, IoWork<T> work) throws IOException {
        long cpuBefore = WorkerCpu.ofThisThread();
        try {
            return work.call();
        } catch (RunStopped e) {
            throw e; // the run's cancel or time limit says how it ended
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, null, "backup failed: " + e.getMessage(), null, null);
            throw e;
        } catch (RuntimeException e) {
            run.ended(ExecutionStatus.FAILED, null, "step archive-directory failed: " + e, null, null);
            throw e;
        } finally {
            run.addCpu(WorkerCpu.ofThisThread() - cpuBefore); // the work runs on this thread: its CPU is the run's
        }
    }

    @FunctionalInterface
    interface IoWork<T> {
        T call() throws IOException;
    }
}
