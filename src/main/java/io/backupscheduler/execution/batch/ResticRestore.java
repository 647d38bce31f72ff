package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupRestore;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.ResticRepository;
import io.backupscheduler.execution.RunStopped;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.lib.archive.ManifestEntry;
import io.backupscheduler.lib.archive.RestoreListener;
import io.backupscheduler.lib.process.RunEnding;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A restore or drill of a restic snapshot: {@code restic restore --verify} of the request's paths (a drill's sample
 * of files) into the destination, the run's progress read off the destination while restic writes, and then every
 * file the request selects checked there (present, of its size) and listed as restored. restic itself checks the
 * content it wrote against the repository (--verify), as a restore of our own points checks each hash.
 */
@Dependent
public class ResticRestore {
    /** More files than this in a drill's sample: the whole snapshot is restored (restic's command line stays short). */
    static final int MAX_INCLUDES = 1_000;

    @Inject
    ResticRepository restic;

    String restore(ActiveRun run, BackupRestore.Prepared prepared, RestoreListener restored, String what, boolean drill) throws IOException {
        BackupPoint point = prepared.point();
        ResticSettings repository = run.work().restic().copy();
        repository.setRepository(point.getArchivePath()); // the repository the snapshot was written to
        Path destination = prepared.destination();
        Files.createDirectories(destination);
        List<String> arguments = new ArrayList<>(List.of("restore", point.getSnapshotId(), "--target", destination.toString(), "--verify"));
        arguments.addAll(includes(prepared, drill));
        long[] totals = prepared.totals();
        DestinationProgress progress = new DestinationProgress(run, prepared.files(), destination, totals);
        Thread watcher = new Thread(progress, "restic-restore-progress-" + run.executionId());
        watcher.setDaemon(true);
        watcher.start();
        ResticRepository.Result result;
        try {
            result = restic.run(run, repository, arguments, null);
        } finally {
            progress.stop(watcher);
        }
        RunEnding ending = result.outcome().ending();
        if (ending == RunEnding.CANCELLED || ending == RunEnding.TIMED_OUT) {
            run.appendToLog("[restore] restic was stopped (" + result.outcome().reason() + "); what it wrote stays in " + destination);
            throw new RunStopped(result.outcome().reason());
        }
        if (!result.succeeded()) {
            String why = ResticRepository.failure("restore", result, repository);
            run.appendToLog("[restore] " + why);
            run.ended(ExecutionStatus.FAILED, result.outcome().exitCode(), what + " failed: " + why, result.outcome().enforcement(),
                    result.outcome().usage());
            return RunStep.FAILED;
        }
        List<String> problems = new ArrayList<>();
        long bytes = 0;
        for (ManifestEntry file : prepared.files().values()) {
            Path written = destination.resolve(file.path());
            long size = Files.isRegularFile(written) ? Files.size(written) : -1;
            if (size == file.size()) {
                restored.restored(file.path(), size, RestoreListener.Outcome.WRITTEN);
                bytes += size;
            } else if (problems.size() < 1_000) {
                problems.add(file.path() + (size < 0 ? " was not restored" : " has " + size + " bytes, the snapshot " + file.size()));
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> run.appendToLog("[restore] " + problem));
            run.ended(ExecutionStatus.FAILED, null, what + " failed: " + problems.size() + " files are missing or of another size after"
                    + " restic restore, e.g. " + problems.get(0), null, null);
            return RunStep.FAILED;
        }
        run.appendToLog(String.format(Locale.ROOT, "[restore] %d files restored (%d bytes) by restic restore --verify from snapshot %s",
                prepared.files().size(), bytes, point.getSnapshotId()));
        if (drill) {
            run.appendToLog("[drill] backup point " + point.getId() + " is restorable: " + prepared.files().size() + " files restored,"
                    + " restic verified their content and each has its size; the scratch copy is deleted");
        }
        run.ended(ExecutionStatus.SUCCEEDED, null, null, result.outcome().enforcement(), result.outcome().usage());
        return RunStep.COMPLETED;
    }

    /** restic's --include patterns: the request's paths, a drill's sampled files, or none (everything). */
    private static List<String> includes(BackupRestore.Prepared prepared, boolean drill) {
        List<String> paths = drill ? (prepared.request().getSampleFiles() == null || prepared.files().size() > MAX_INCLUDES ? List.of()
                : List.copyOf(prepared.files().keySet())) : prepared.request().getPaths();
        List<String> arguments = new ArrayList<>();
        for (String path : paths) {
            arguments.add("--include");
            arguments.add("/" + pattern(path));
        }
        return arguments;
    }

    /** A path as a restic pattern that matches only itself: its wildcard characters escaped. */
    static String pattern(String path) {
        StringBuilder escaped = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * restic 0.14 reports no progress while it restores: the files already complete at the destination are counted
     * instead, every second or, when counting takes long, ten times as long as a count takes.
     */
    private static final class DestinationProgress implements Runnable {
        private final ActiveRun run;
        private final Map<String, ManifestEntry> files;
        private final Path destination;
        private final long[] totals;
        private volatile boolean done;

        DestinationProgress(ActiveRun run, Map<String, ManifestEntry> files, Path destination, long[] totals) {
            this.run = run;
            this.files = files;
            this.destination = destination;
            this.totals = totals;
        }

        @Override
        public void run() {
            while (!done) {
                long started = System.nanoTime();
                long count = 0;
                long bytes = 0;
                for (ManifestEntry file : files.values()) {
                    if (done) {
                        return;
                    }
                    try {
                        long size = Files.size(destination.resolve(file.path()));
                        bytes += Math.min(size, file.size());
                        count += size == file.size() ? 1 : 0;
                    } catch (IOException e) {
                        // not restored yet
                    }
                }
                run.progress(count, totals[0], bytes, totals[1]);
                long took = (System.nanoTime() - started) / 1_000_000;
                try {
                    Thread.sleep(Math.max(1_000, 10 * took));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop(Thread watcher) {
            done = true;
            watcher.interrupt();
            try {
                watcher.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
