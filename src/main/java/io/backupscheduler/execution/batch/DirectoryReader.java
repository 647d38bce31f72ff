package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupKind;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.backup.BucketPoints;
import io.backupscheduler.backup.PointFiles;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionRecorder;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunControl;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.execution.RunningExecutions;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Reads the files of a DIRECTORY job's backup in walk order. Opening the step begins the point (FULL, or
 * INCREMENTAL when the run asks for it and a usable point exists) or, on a restart, takes up the point of the
 * checkpoint and goes on right after the last file it reached. Its checkpoint: point, counts and that path.
 */
@Named("directoryReader")
@Dependent
public class DirectoryReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(DirectoryReader.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    RunningExecutions running;

    @Inject
    ExecutionRecorder recorder;

    @Inject
    ExecutionService executions;

    @Inject
    RunSettings settings;

    @Inject
    BackupPoints points;

    @Inject
    PointFiles pointFiles;

    @Inject
    BucketPoints bucketPoints;

    private DirectoryStep state;
    private FileSelection.Cursor cursor;

    /** The reader's checkpoint: "pointId|files|bytes|path", a string so that any node and version can read it back. */
    record Mark(long pointId, long files, long bytes, String path) {
        static Mark parse(Serializable checkpoint) {
            if (!(checkpoint instanceof String text)) {
                return null;
            }
            String[] parts = text.split("\\|", 4);
            if (parts.length != 4) {
                return null;
            }
            return new Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3].isEmpty() ? null : parts[3]);
        }

        String encode() {
            return pointId + "|" + files + "|" + bytes + "|" + (path == null ? "" : path);
        }
    }

    @Override
    public void open(Serializable checkpoint) throws Exception {
        ActiveRun run = BatchRuns.of(jobContext, running);
        BatchRuns.entered(run, stepContext.getStepName(), jobContext, recorder);
        DirectoryStep.guarded(run, () -> {
            openFor(run, Mark.parse(checkpoint));
            return null;
        });
    }

    private void openFor(ActiveRun run, Mark mark) throws IOException {
        BackupPoint point = mark == null ? null : resumable(run, mark.pointId());
        PointWriter.Checkpoint writerCheckpoint = null;
        if (mark == null) {
            LeftPoint left = takeUpLeftPoint(run);
            if (left != null) {
                point = left.point();
                mark = left.mark();
                writerCheckpoint = left.writer();
            }
        }
        boolean resumed = point != null;
        if (resumed) {
            abandonStalePoints(run.jobId()); // what other stopped attempts left is not taken up: only this point goes on
            run.appendToLog(String.format(Locale.ROOT, "[backup] resuming %s point %d after %d files (%d bytes): %s", point.getKind(),
                    point.getId(), mark.files(), mark.bytes(), mark.path()));
        } else {
            abandonStalePoints(run.jobId());
            BackupKind requested = requestedKind(run.runData());
            point = points.begin(run.jobId(), run.executionId(), requested, Path.of(run.targetPath()), run.work().encrypt(),
                    bucketPoints.holdPointsOf(run.jobId()));
            pointFiles.createKey(point);
            if (requested == BackupKind.INCREMENTAL && point.getKind() == BackupKind.FULL) {
                run.appendToLog("[backup] no earlier backup point to build on: this one is FULL");
            }
        }
        run.backupPoint(point.getId());
        if (point.isBucketOnly()) {
            PointResumeMark kept = resumed ? PointResumeMark.parse(point.getResumeMark()) : null;
            bucketPoints.prepare(point, kept == null ? 0 : kept.writer().segments(), line -> run.appendToLog("[bucket] " + line));
            if (!resumed) {
                run.appendToLog("[bucket] point " + point.getId() + " is written to the job's bucket: each segment goes up when it is"
                        + " finished and leaves " + run.targetPath());
            }
        }
        Manifest previous = point.getKind() == BackupKind.INCREMENTAL ? pointFiles.manifest(points.get(point.getBasePointId()))
                : Manifest.empty();
        RunControl control = settings.controlFor(run);
        FileSelection selection;
        try {
            selection = new FileSelection(run.work().sources().stream().map(Path::of).toList(), run.work().includes(), run.work().excludes());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        long[] expected = selection.count(control);
        state = new DirectoryStep(run, point, resumed, selection, previous, control, settings.checkpoints(), expected,
                resumed ? mark.files() : 0, resumed ? mark.bytes() : 0);
        run.progress(state.filesDone, Math.max(state.filesDone, expected[0]), state.bytesDone, Math.max(state.bytesDone, expected[1]));
        state.writerCheckpoint = writerCheckpoint;
        stepContext.setTransientUserData(state);
        state.lastPath = resumed ? mark.path() : null;
        cursor = selection.cursor(control, state.lastPath);
    }

    /** A point an earlier attempt of this entry left behind, taken up: the point, where reading and writing go on. */
    private record LeftPoint(BackupPoint point, Mark mark, PointWriter.Checkpoint writer) {
    }

    /**
     * Takes up the point an earlier attempt of this entry was writing when its node stopped (its batch job cannot be
     * restarted here), when the files of its last checkpoint are all on disk; null when there is none to go on with.
     */
    private LeftPoint takeUpLeftPoint(ActiveRun run) {
        BackupPoint left = leftByThisEntry(run);
        if (left == null) {
            return null;
        }
        Long leftBy = left.getExecutionId();
        PointResumeMark kept = PointResumeMark.parse(left.getResumeMark());
        String missing = missingFiles(left, kept.writer());
        if (missing != null) {
            run.appendToLog("[backup] point " + left.getId() + " of an earlier attempt cannot be resumed (" + missing + "): starting afresh");
            return null;
        }
        BackupPoint point = resumable(run, left.getId());
        if (point == null) {
            return null;
        }
        run.appendToLog("[backup] execution " + leftBy + " stopped while it wrote point " + point.getId()
                + " and its batch job cannot be restarted (its node stopped): this run goes on from the point's last checkpoint,"
                + " keeping its " + kept.writer().segments() + " finished segments");
        return new LeftPoint(point, kept.reader(), kept.writer());
    }

    /**
     * A point of this job still WRITING with a checkpoint on its row, whose run was an earlier attempt of this same
     * queue entry and is over (its node was killed; the entry was taken back): null when there is none. Of several
     * (attempts that overlapped once a lease ran out on a live node) the one checkpointed furthest is taken up.
     */
    private BackupPoint leftByThisEntry(ActiveRun run) {
        BackupPoint furthest = null;
        long furthestBytes = -1;
        for (BackupPoint candidate : points.writing(run.jobId())) {
            PointResumeMark kept = PointResumeMark.parse(candidate.getResumeMark());
            if (kept == null || candidate.getExecutionId() == null || candidate.getExecutionId() == run.executionId()) {
                continue;
            }
            boolean sameEntryAndOver = executions.find(candidate.getExecutionId())
                    .map(e -> e.getStatus() != ExecutionStatus.RUNNING && Objects.equals(e.getQueueEntryId(), run.entryId()))
                    .orElse(false);
            if (sameEntryAndOver && kept.reader().bytes() > furthestBytes) {
                furthest = candidate;
                furthestBytes = kept.reader().bytes();
            }
        }
        return furthest;
    }

    /**
     * What of a checkpoint is not on disk any more (a segment, journal bytes), or null when all of it is. A point
     * written to its job's bucket may have its segments there instead.
     */
    private String missingFiles(BackupPoint point, PointWriter.Checkpoint checkpoint) {
        Path archive = Path.of(point.getArchivePath());
        int segments = PointWriter.countSegments(archive);
        if (point.isBucketOnly()) {
            String missing = bucketPoints.missingSegments(point, checkpoint.segments());
            if (missing != null) {
                return missing;
            }
        } else if (segments < checkpoint.segments()) {
            return "it had " + checkpoint.segments() + " finished segments, " + segments + " are left";
        }
        Path journal = PointWriter.journalOf(archive);
        try {
            if (!Files.isRegularFile(journal) || Files.size(journal) < checkpoint.journalBytes()) {
                return "its journal is gone or shorter than at its checkpoint";
            }
        } catch (IOException e) {
            return "its journal cannot be read: " + e.getMessage();
        }
        return null;
    }

    /** The checkpoint's point when it is still being written; otherwise the run starts a new one. */
    private BackupPoint resumable(ActiveRun run, long pointId) {
        try {
            return points.resume(pointId, run.executionId());
        } catch (NoSuchEntityException | IllegalStateException e) {
            run.appendToLog("[backup] the checkpoint's point " + pointId + " cannot be resumed (" + e.getMessage() + "): starting afresh");
            return null;
        }
    }

    /**
     * Points of this job left WRITING by runs that are over (a run that stopped and was never resumed): a new point
     * supersedes them, so their partial files go and they are marked FAILED.
     */
    private void abandonStalePoints(long jobId) {
        for (BackupPoint stale : points.writing(jobId)) {
            boolean running = stale.getExecutionId() != null && executions.find(stale.getExecutionId())
                    .map(e -> e.getStatus() == ExecutionStatus.RUNNING).orElse(false);
            if (!running) {
                try {
                    PointWriter.discard(Path.of(stale.getArchivePath()));
                    pointFiles.deleteKey(stale);
                    if (stale.isBucketOnly()) {
                        bucketPoints.discard(stale, LOG::warning); // the bucket's next pruning or run tries again when it refuses
                    }
                } catch (IOException e) {
                    LOG.warning(() -> "could not remove the partial files of backup point " + stale.getId() + ": " + e.getMessage());
                }
                points.failed(stale.getId(), "abandoned: its run stopped and a later backup of the job started afresh");
            }
        }
    }

    @Override
    public Object readItem() throws Exception {
        return DirectoryStep.guarded(state.run, () -> {
            FileSelection.Candidate next = cursor.next();
            if (next != null) {
                state.lastPath = next.path();
            }
            return next;
        });
    }

    @Override
    public Serializable checkpointInfo() {
        return state == null ? null : state.mark().encode();
    }

    /** FULL unless the run's data asks for {@code "backupKind": "INCREMENTAL"} (from a schedule or a run). */
    static BackupKind requestedKind(String runData) {
        if (runData == null || runData.isBlank()) {
            return BackupKind.FULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(runData))) {
            if (reader.readObject().get("backupKind") instanceof JsonString kind
                    && BackupKind.valueOf(kind.getString().strip().toUpperCase(Locale.ROOT)) == BackupKind.INCREMENTAL) {
                return BackupKind.INCREMENTAL;
            }
        } catch (JsonException | IllegalStateException | IllegalArgumentException e) {
            return BackupKind.FULL; // the API refuses bad kinds when the run is queued; anything else is a full backup
        }
        return BackupKind.FULL;
    }
}
