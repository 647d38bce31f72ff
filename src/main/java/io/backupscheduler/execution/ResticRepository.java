package io.backupscheduler.execution;

import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.job.ResticOptions;
import io.backupscheduler.job.ResticSettings;
import io.backupscheduler.lib.process.CommandSpec;
import io.backupscheduler.lib.process.FileTail;
import io.backupscheduler.lib.process.IsolatedProcess;
import io.backupscheduler.lib.process.ProcessLimits;
import io.backupscheduler.lib.process.ProcessOutcome;
import io.backupscheduler.secret.OwnerOnlyFiles;
import io.backupscheduler.secret.SecretStore;
import io.backupscheduler.settings.SharedSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs restic for a RESTIC job's run, one command at a time, isolated and limited like any command, with its output
 * in the run's log. The repository's password goes to restic as a file only the server's user can read, in the
 * run's directory and removed when the command ends: never an argument, never the environment of anything else.
 */
@ApplicationScoped
public class ResticRepository {
    @Inject
    RunSettings settings;

    @Inject
    SharedSettings shared;

    @Inject
    SecretStore secrets;

    @Inject
    @ConfigProperty(name = "backup.restic.operation-timeout-seconds", defaultValue = "1800")
    long operationTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "backup.restic.operation-output-max-bytes", defaultValue = "1073741824")
    long operationOutputMax;

    /** A finished restic command: how it ended and the last lines it printed (where restic says what went wrong). */
    public record Result(ProcessOutcome outcome, String lastLines) {
        public boolean succeeded() {
            return outcome.ending() == io.backupscheduler.lib.process.RunEnding.EXITED && outcome.exitCode() != null
                    && outcome.exitCode() == 0;
        }
    }

    /**
     * Runs {@code restic <arguments>} for the run on its job's repository; {@code lines}, when given, sees each line
     * restic prints while it runs (progress).
     */
    public Result run(ActiveRun run, List<String> arguments, Consumer<String> lines) {
        return run(run, run.work().restic(), arguments, lines);
    }

    /** As {@link #run(ActiveRun, List, Consumer)}, on the repository given (a restore's point may lie in an earlier one). */
    public Result run(ActiveRun run, ResticSettings restic, List<String> arguments, Consumer<String> lines) {
        ResourceLimits limits = run.limits();
        ProcessLimits processLimits = new ProcessLimits(limits.getMaxCpuPercent(), limits.getMaxMemoryMb(),
                limits.getMaxExecutionSeconds() == null ? null : remaining(run, limits.getMaxExecutionSeconds()), limits.getIoPriority());
        Path passwordFile = run.directory().resolve("restic-password");
        CommandSpec spec = spec(restic, arguments, passwordFile, run.workingDirectory(), run.logFile(), settings.logMaxBytes(), processLimits);
        return execute(spec, restic, passwordFile, "execution-" + run.executionId(), run::attach, lines, run::appendToLog);
    }

    /**
     * Runs {@code restic <arguments>} for an operator outside any run (browse a snapshot, list or remove locks,
     * forget): isolated as a run's command is, in a directory of its own that is removed when restic ends, at most
     * {@code backup.restic.operation-timeout-seconds} long. {@code lines} sees every line restic printed, once it ended.
     */
    public Result operate(ResticSettings restic, String purpose, List<String> arguments, Consumer<String> lines) {
        Path directory = shared.dataDirectory().resolve("restic-work").resolve(purpose + "-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("restic cannot be given a working directory " + directory + ": " + e.getMessage(), e);
        }
        try {
            Path log = directory.resolve("restic.log");
            CommandSpec spec = spec(restic, arguments, directory.resolve("restic-password"), directory, log, operationOutputMax,
                    new ProcessLimits(null, null, Duration.ofSeconds(operationTimeoutSeconds), null));
            Result result = execute(spec, restic, directory.resolve("restic-password"), "restic-" + purpose, process -> { }, null,
                    line -> { });
            if (lines != null && Files.exists(log)) {
                if (Files.size(log) >= operationOutputMax) {
                    throw new IllegalStateException("restic " + purpose + " printed more than backup.restic.operation-output-max-bytes ("
                            + operationOutputMax + " bytes); raise it to read all of it");
                }
                try (var reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                    reader.lines().forEach(lines);
                }
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("the output of restic " + purpose + " cannot be read: " + e.getMessage(), e);
        } finally {
            deleteTree(directory);
        }
    }

    private CommandSpec spec(ResticSettings restic, List<String> arguments, Path passwordFile, Path workingDirectory, Path log,
                             long logMaxBytes, ProcessLimits limits) {
        List<String> command = new ArrayList<>();
        command.add("restic");
        restic.getOptions().stream().filter(ResticOptions::global).forEach(command::add);
        command.addAll(arguments);
        Map<String, String> environment = new LinkedHashMap<>(settings.commandEnvironment());
        environment.put("RESTIC_REPOSITORY", restic.getRepository());
        environment.put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        environment.put("RESTIC_CACHE_DIR", shared.dataDirectory().resolve("restic-cache").toAbsolutePath().toString());
        environment.put("RESTIC_PROGRESS_FPS", "1");
        environment.put("HOME", workingDirectory.toString());
        return new CommandSpec(command, workingDirectory, environment, log, logMaxBytes, limits, settings.killGrace());
    }

    private Result execute(CommandSpec spec, ResticSettings restic, Path passwordFile, String name, Consumer<IsolatedProcess> attach,
                           Consumer<String> lines, Consumer<String> note) {
        try {
            OwnerOnlyFiles.write(passwordFile, secrets.reveal(restic.getPasswordSecret()));
        } catch (IOException e) {
            throw new IllegalStateException("the repository password cannot be handed to restic: " + e.getMessage(), e);
        }
        try {
            IsolatedProcess process = new IsolatedProcess(spec, settings.tools(), settings.cgroups(), name);
            attach.accept(process);
            long logStart = size(spec.logFile());
            LogLines watcher = lines == null ? null : new LogLines(spec.logFile(), logStart, lines);
            Thread follower = watcher == null ? null : new Thread(watcher, "restic-progress-" + name);
            if (follower != null) {
                follower.setDaemon(true);
                follower.start();
            }
            ProcessOutcome outcome;
            try {
                outcome = process.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.cancel();
                throw new RunStopped("interrupted while restic ran");
            } finally {
                if (watcher != null) {
                    watcher.finish(follower);
                }
            }
            return new Result(outcome, FileTail.lastBytes(spec.logFile(), logStart, 2048)); // this command's words only
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                note.accept("[restic] the password file " + passwordFile + " could not be removed: " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover working directory holds no secret: the password file goes first, in execute
        }
    }

    /** What went wrong, in words an operator acts on: restic's own last line, with the usual causes named. */
    public static String failure(String command, Result result, ResticSettings restic) {
        ProcessOutcome outcome = result.outcome();
        if (outcome.ending() != io.backupscheduler.lib.process.RunEnding.EXITED) {
            return "restic " + command + " " + outcome.reason();
        }
        String text = result.lastLines();
        if (text.contains("wrong password")) {
            return "restic " + command + ": the password in secret '" + restic.getPasswordSecret() + "' does not open repository "
                    + restic.getRepository();
        }
        if (text.contains("Is there a repository at the following location?")) {
            return "restic " + command + ": there is no restic repository at " + restic.getRepository()
                    + " (let the job create it: restic.initialize, or run restic init)";
        }
        if (text.contains("repository is already locked")) {
            String line = text.lines().filter(l -> l.contains("locked")).findFirst().orElse("").strip();
            return "restic " + command + ": the repository is locked by another restic process (" + line + "); if that process is"
                    + " gone, an operator unlocks it with restic unlock";
        }
        String last = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("{\"message_type\":\"status\""))
                .reduce((a, b) -> b).orElse("");
        return "restic " + command + " ended with exit code " + outcome.exitCode() + (last.isEmpty() ? "" : ": " + last);
    }

    private static Duration remaining(ActiveRun run, int maxSeconds) {
        Duration left = Duration.ofSeconds(maxSeconds).minus(Duration.between(run.startedAt(), java.time.Instant.now()));
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Follows the run's log from where a command's output starts and hands each complete line on. */
    private static final class LogLines implements Runnable {
        private final Path log;
        private final Consumer<String> lines;
        private long position;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean done;

        LogLines(Path log, long start, Consumer<String> lines) {
            this.log = log;
            this.position = start;
            this.lines = lines;
        }

        @Override
        public void run() {
            while (!done) {
                readNew();
                try {
                    Thread.sleep(500); // restic prints its status once a second (RESTIC_PROGRESS_FPS=1)
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish(Thread follower) {
            done = true;
            follower.interrupt(); // not to wait out its sleep: the rest is read here
            try {
                follower.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readNew();
            if (partial.length() > 0) {
                lines.accept(partial.toString());
                partial.setLength(0);
            }
        }

        private synchronized void readNew() {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                if (length <= position) {
                    return;
                }
                byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
                file.seek(position);
                file.readFully(bytes);
                position += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    String line = partial.substring(0, newline);
                    partial.delete(0, newline + 1);
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        // progress is a convenience: a line it cannot take does not stop the run
                    }
                }
            } catch (IOException e) {
                // the log appears with the process's first output
            }
        }
    }
}
