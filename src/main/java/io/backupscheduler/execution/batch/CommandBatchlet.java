package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunSettings;
import io.backupscheduler.execution.process.CommandSpec;
import io.backupscheduler.execution.process.FileTail;
import io.backupscheduler.execution.process.IsolatedProcess;
import io.backupscheduler.execution.process.ProcessLimits;
import io.backupscheduler.execution.process.ProcessOutcome;
import io.backupscheduler.job.ResourceLimits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The work of a COMMAND job: its argument list run in isolation under the run's limits (see execution.process). */
@Named("commandBatchlet")
@Dependent
public class CommandBatchlet extends RunStep {
    @Inject
    RunSettings settings;

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
                if (outcome.exitCode() == 0) {
                    run.ended(ExecutionStatus.SUCCEEDED, 0, null, outcome.enforcement(), outcome.usage());
                    return COMPLETED;
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
