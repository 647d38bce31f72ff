package io.backupscheduler.execution.batch;

import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import io.backupscheduler.lib.archive.ProducedFiles;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.execution.RunStopped;
import io.backupscheduler.lib.process.CommandSpec;
import io.backupscheduler.lib.process.FileTail;
import io.backupscheduler.lib.process.IsolatedProcess;
import io.backupscheduler.lib.process.ProcessLimits;
import io.backupscheduler.lib.process.ProcessOutcome;
import io.backupscheduler.job.ResourceLimits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The work of a COMMAND job (the run-command part of command-job): its argument list run in isolation under the
 * run's limits (see lib.process); an accepted exit code makes the files it wrote under the target a backup point.
 */
@Dependent // a part of command-job's one step, which injects it; no job XML names it
public class CommandBatchlet extends RunStep {
    @Inject
    RunSettings settings;

    @Inject
    BackupPoints points;

    @Override
    String work(ActiveRun run) {
        ResourceLimits limits = run.limits();
        ProcessLimits processLimits = new ProcessLimits(limits.getMaxCpuPercent(), limits.getMaxMemoryMb(),
                limits.getMaxExecutionSeconds() == null ? null : Duration.ofSeconds(limits.getMaxExecutionSeconds()),
                limits.getIoPriority());
        Map<String, String> environment = new java.util.LinkedHashMap<>(settings.commandEnvironment());
        environment.put("BACKUP_TARGET", run.targetPath());
        environment.put("BACKUP_EXECUTION_ID", Long.toString(run.executionId()));
        environment.put("BACKUP_JOB_NAME", run.jobName());
        CommandSpec spec = new CommandSpec(run.command(), run.workingDirectory(), environment, run.logFile(),
                settings.logMaxBytes(), processLimits, settings.killGrace());
        IsolatedProcess process = new IsolatedProcess(spec, settings.tools(), settings.cgroups(), "execution-" + run.executionId());
        Path target = Path.of(run.targetPath());
        ProducedFiles.Snapshot before;
        try {
            before = ProducedFiles.snapshot(target, settings.controlFor(run));
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, null, "target " + target + " cannot be read before the run: " + e.getMessage(), null, null);
            return FAILED;
        }
        run.attach(process);
        ProcessOutcome outcome;
        try {
            outcome = process.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.ended(ExecutionStatus.FAILED, null, "interrupted while the command ran", null, process.usageSoFar());
            return FAILED;
        }
        switch (outcome.ending()) {
            case EXITED -> {
                if (run.work().acceptedExitCodes().contains(outcome.exitCode())) {
                    if (outcome.exitCode() != 0) {
                        run.appendToLog("[command] exit code " + outcome.exitCode() + " is accepted as success for this job");
                    }
                    return recordOutput(run, target, before, outcome);
                }
                String last = lastLine(run.logFile());
                run.ended(ExecutionStatus.FAILED, outcome.exitCode(), "exit code " + outcome.exitCode()
                        + (last.isEmpty() ? "" : ": " + last), outcome.enforcement(), outcome.usage());
                return FAILED;
            }
            case TIMED_OUT -> {
                run.ended(ExecutionStatus.TIMED_OUT, outcome.exitCode(), outcome.reason(), outcome.enforcement(), outcome.usage());
                return FAILED;
            }
            case LIMIT_EXCEEDED -> {
                run.ended(ExecutionStatus.REJECTED_LIMIT, outcome.exitCode(), outcome.reason(), outcome.enforcement(), outcome.usage());
                return FAILED;
            }
            case CANCELLED -> {
                run.ended(ExecutionStatus.CANCELLED, outcome.exitCode(), outcome.reason(), outcome.enforcement(), outcome.usage());
                return STOPPED;
            }
            default -> {
                run.ended(ExecutionStatus.FAILED, null, outcome.reason(), outcome.enforcement(), outcome.usage());
                return FAILED;
            }
        }
    }

    /**
     * The files the command wrote under its target become a backup point (hashed now, read back by verify). No
     * file written is not a failure (a tool may send its backup elsewhere), but the log says so, and no point is
     * begun: a point of nothing would only clutter the list.
     */
    private String recordOutput(ActiveRun run, Path target, ProducedFiles.Snapshot before, ProcessOutcome outcome) {
        List<String> produced;
        try {
            produced = ProducedFiles.changedSince(target, before, settings.controlFor(run));
        } catch (IOException e) {
            run.ended(ExecutionStatus.FAILED, outcome.exitCode(), "the command's output could not be listed: " + e.getMessage(),
                    outcome.enforcement(), outcome.usage());
            return FAILED;
        }
        if (produced.isEmpty()) {
            run.appendToLog("[backup] the command wrote no files under " + target + ": no backup point was recorded");
            run.ended(ExecutionStatus.SUCCEEDED, outcome.exitCode(), null, outcome.enforcement(), outcome.usage());
            return COMPLETED;
        }
        BackupPoint point = points.beginCommand(run.jobId(), run.executionId(), target, run.startedAt());
        try {
            ProducedFiles.Result result = ProducedFiles.record(target, produced, point.getId(), settings.controlFor(run));
            result.manifest().write(Path.of(point.getManifestPath()));
            points.written(point.getId(), result);
            run.backupPoint(point.getId());
            run.appendToLog(String.format(Locale.ROOT, "[backup] COMMAND point %d: %d files, %d bytes written under %s",
                    point.getId(), result.files(), result.bytes(), target));
            result.changedWhileRead().forEach(path -> run.appendToLog("[backup] still changing while it was hashed: " + path));
            run.ended(ExecutionStatus.SUCCEEDED, outcome.exitCode(), null, outcome.enforcement(), outcome.usage());
            return COMPLETED;
        } catch (IOException e) {
            points.failed(point.getId(), e.getMessage());
            run.ended(ExecutionStatus.FAILED, outcome.exitCode(), "the command's output could not be recorded: " + e.getMessage(),
                    outcome.enforcement(), outcome.usage());
            return FAILED;
        } catch (RunStopped e) {
            points.failed(point.getId(), "stopped: " + e.getMessage());
            throw e;
        }
    }

    /** The last non-empty line of the log (at most 300 characters): usually what went wrong. */
    static String lastLine(Path log) {
        String[] lines = FileTail.lastBytes(log, 4096).split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return line.length() > 300 ? line.substring(0, 300) : line;
            }
        }
        return "";
    }
}
