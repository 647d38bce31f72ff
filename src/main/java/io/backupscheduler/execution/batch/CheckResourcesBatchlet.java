package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BucketPoints;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.job.AllowedPaths;
import io.backupscheduler.job.JobKind;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * First step (in command-job, first part): what the run needs exists before any work starts. The target directory
 * exists (created if missing) and is writable; a DIRECTORY or RESTIC job's sources are readable directories; a
 * COMMAND's program (or restic) exists and is executable, found on the command's own PATH when not absolute; a
 * bucket that is to hold the point answers and accepts writes.
 */
@Named("checkResourcesBatchlet")
@Dependent
public class CheckResourcesBatchlet extends RunStep {
    @Inject
    RunSettings settings;

    @Inject
    AllowedPaths allowedPaths;

    @Inject
    BucketPoints bucketPoints;

    @Override
    String work(ActiveRun run) {
        boolean readsSources = run.kind() == JobKind.DIRECTORY || run.kind() == JobKind.RESTIC;
        // a RESTIC job with a remote repository has no target on this host
        boolean hasTarget = run.kind() != JobKind.RESTIC || !run.targetPath().isBlank();
        // configuration may have narrowed the allowed roots since the job was saved
        Optional<String> problem = hasTarget ? allowedPaths.problem(run.targetPath(), AllowedPaths.Use.TARGET) : Optional.empty();
        if (problem.isEmpty() && readsSources) {
            problem = run.work().sources().stream().map(source -> allowedPaths.problem(source, AllowedPaths.Use.SOURCE))
                    .flatMap(Optional::stream).findFirst();
        }
        if (problem.isEmpty() && hasTarget) {
            problem = targetProblem(run.targetPath());
        }
        if (problem.isEmpty() && readsSources) {
            problem = run.work().sources().isEmpty() ? Optional.of("the job has no source directory")
                    : run.work().sources().stream().map(CheckResourcesBatchlet::sourceProblem).flatMap(Optional::stream).findFirst();
        }
        if (problem.isEmpty() && run.kind() == JobKind.COMMAND && !run.command().isEmpty()) {
            problem = allowedPaths.programProblem(run.command().get(0));
        }
        if (problem.isEmpty() && run.kind() == JobKind.COMMAND) {
            problem = programProblem(run.command(), "the job has no command");
        }
        if (problem.isEmpty() && run.kind() == JobKind.RESTIC) {
            problem = programProblem(List.of("restic"), "").map(p -> p + " (install restic: apt-get install restic)");
        }
        if (problem.isEmpty() && run.kind() == JobKind.DIRECTORY) {
            problem = bucketPoints.problem(run.jobId()); // a job that writes its points to a bucket needs it now
        }
        if (problem.isPresent()) {
            run.ended(ExecutionStatus.FAILED, null, problem.get(), null, null);
            return FAILED;
        }
        return COMPLETED;
    }

    private static Optional<String> targetProblem(String target) {
        if (target == null || target.isBlank()) {
            return Optional.of("the job has no target directory");
        }
        Path path = Path.of(target);
        try {
            Files.createDirectories(path);
        } catch (IOException | SecurityException e) {
            return Optional.of("target " + target + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            return Optional.of("target " + target + " is not a writable directory");
        }
        return Optional.empty();
    }

    private static Optional<String> sourceProblem(String source) {
        if (source == null || source.isBlank()) {
            return Optional.of("the job has no source directory");
        }
        Path path = Path.of(source);
        if (!Files.isDirectory(path) || !Files.isReadable(path)) {
            return Optional.of("source " + source + " is not a readable directory");
        }
        return Optional.empty();
    }

    private Optional<String> programProblem(List<String> command, String whenEmpty) {
        if (command.isEmpty()) {
            return Optional.of(whenEmpty);
        }
        String program = command.get(0);
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.empty()
                    : Optional.of("program " + program + " does not exist or is not executable");
        }
        String searchPath = settings.commandEnvironment().getOrDefault("PATH", "");
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isBlank() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of("program " + program + " is not on the command PATH (" + searchPath + ")");
    }
}
