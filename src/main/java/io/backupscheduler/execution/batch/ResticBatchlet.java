package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.ResticMessages;
import io.backupscheduler.execution.ResticForget;
import io.backupscheduler.execution.ResticOperations;
import io.backupscheduler.execution.ResticRepository;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.job.ResticOptions;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.process.RunEnding;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The work of a RESTIC job: runs {@code restic backup --json} over the sources (creating the repository first when
 * there is none and the job allows it), turning its status lines into the run's progress and its summary
 * into a backup point naming the snapshot. With includes or excludes, the files are chosen by the same rules as a
 * DIRECTORY job's and handed to restic as a list.
 */
@Named("resticBatchlet")
@Dependent
public class ResticBatchlet extends RunStep {
    @Inject
    ResticRepository restic;

    @Inject
    BackupPoints points;

    @Inject
    RunSettings settings;

    @Inject
    ResticOperations operations;

    @Override
    String work(ActiveRun run) {
        ResticSettings repository = run.work().restic();
        List<String> arguments = new ArrayList<>(List.of("backup", "--json", "--tag", ResticForget.jobTag(run.jobId())));
        repository.getOptions().stream().filter(option -> !ResticOptions.global(option)).forEach(arguments::add);
        try {
            arguments.addAll(selection(run));
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, null, "the sources cannot be read: " + e.getMessage(), null, null);
            return FAILED;
        }
        AtomicReference<ResticMessages.Summary> summary = new AtomicReference<>();
        ResticRepository.Result result = backup(run, arguments, summary);
        // no repository yet: created when the job allows it, then the backup again (no extra restic command, and its
        // key derivation, on every other run)
        if (!result.succeeded() && missingRepository(result) && Boolean.TRUE.equals(repository.getInitialize())) {
            ResticRepository.Result init = restic.run(run, List.of("init"), null);
            if (!init.succeeded()) {
                return failed(run, init, ResticRepository.failure("init", init, repository));
            }
            run.appendToLog("[restic] created repository " + repository.getRepository() + " (the job allows it: restic.initialize)");
            result = backup(run, arguments, summary);
        }
        if (result.outcome().ending() == RunEnding.CANCELLED) {
            run.appendToLog("[restic] stopped (" + result.outcome().reason() + "): restic was killed");
            reportLocks(run, repository);
            run.ended(ExecutionStatus.CANCELLED, result.outcome().exitCode(), result.outcome().reason(),
                    result.outcome().enforcement(), result.outcome().usage());
            return STOPPED;
        }
        Integer exit = result.outcome().exitCode();
        boolean incomplete = exit != null && exit == 3; // restic made the snapshot, but some files could not be read
        if ((!result.succeeded() && !incomplete) || summary.get() == null) {
            return failed(run, result, result.succeeded() ? "restic backup reported no snapshot"
                    : ResticRepository.failure("backup", result, repository));
        }
        ResticMessages.Summary made = summary.get();
        BackupPoint point = points.recordSnapshot(run.jobId(), run.executionId(), repository.getRepository(), made.snapshotId(),
                run.startedAt(), made.totalFilesProcessed(), made.filesNew() + made.filesChanged(), made.totalBytesProcessed(),
                made.dataAdded());
        run.backupPoint(point.getId());
        run.progress(made.totalFilesProcessed(), made.totalFilesProcessed(), made.totalBytesProcessed(), made.totalBytesProcessed());
        run.appendToLog(String.format(Locale.ROOT, "[restic] snapshot %s (backup point %d): %d files new, %d changed, %d unmodified;"
                        + " %d bytes added to %s", made.snapshotId(), point.getId(), made.filesNew(), made.filesChanged(),
                made.filesUnmodified(), made.dataAdded(), repository.getRepository()));
        if (incomplete) {
            run.appendToLog("[restic] some files could not be read (exit code 3): the snapshot holds the rest; see the lines above");
        }
        run.ended(ExecutionStatus.SUCCEEDED, exit, null, result.outcome().enforcement(), result.outcome().usage());
        return COMPLETED;
    }

    /** What a stopped restic left in the repository: its lock, unless it removed it on the way out. */
    private void reportLocks(ActiveRun run, ResticSettings repository) {
        try {
            List<String> locks = operations.locks(repository);
            run.appendToLog(locks.isEmpty() ? "[restic] no locks left in the repository"
                    : "[restic] locks left in the repository: " + String.join(", ", locks) + " (stale once their process is gone:"
                    + " restic's next run passes them; an operator removes them with unlock)");
        } catch (RuntimeException e) {
            run.appendToLog("[restic] the repository's locks could not be listed after the stop: " + e.getMessage());
        }
    }

    /** restic backup --json, its status lines turned into the run's progress and its summary kept. */
    private ResticRepository.Result backup(ActiveRun run, List<String> arguments, AtomicReference<ResticMessages.Summary> summary) {
        return restic.run(run, arguments, line -> {
            ResticMessages.status(line).ifPresent(s -> run.progress(s.filesDone(), Math.max(s.filesDone(), s.totalFiles()), s.bytesDone(),
                    Math.max(s.bytesDone(), s.totalBytes())));
            ResticMessages.summary(line).ifPresent(summary::set);
        });
    }

    private static boolean missingRepository(ResticRepository.Result result) {
        return result.lastLines().contains("Is there a repository at the following location?");
    }

    /** The sources as restic's arguments; with globs, the chosen files as a list in the run's directory. */
    private List<String> selection(ActiveRun run) throws IOException {
        List<String> sources = run.work().sources();
        if (run.work().includes().isEmpty() && run.work().excludes().isEmpty()) {
            return new ArrayList<>(sources);
        }
        FileSelection selection = new FileSelection(sources.stream().map(Path::of).toList(), run.work().includes(), run.work().excludes());
        Path list = run.directory().resolve("restic-files.txt");
        Files.createDirectories(list.getParent());
        long[] count = new long[1];
        try (BufferedWriter out = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
            selection.walk(settings.controlFor(run), candidate -> {
                out.write(candidate.file().toAbsolutePath().toString());
                out.write('\n');
                count[0]++;
            });
        }
        run.appendToLog("[restic] " + count[0] + " files chosen by the job's includes and excludes, listed in " + list);
        return List.of("--files-from-verbatim", list.toString());
    }

    private static String failed(ActiveRun run, ResticRepository.Result result, String why) {
        run.ended(result.outcome().ending() == RunEnding.TIMED_OUT ? ExecutionStatus.TIMED_OUT : ExecutionStatus.FAILED,
                result.outcome().exitCode(), why, result.outcome().enforcement(), result.outcome().usage());
        return FAILED;
    }
}
