package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunControl;
import io.backupscheduler.execution.RunSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Last step: the work ended well and left its target in place. It counts the files the run wrote into the
 * target (changed since the run started) and appends that to the run's log, so an operator sees what a
 * "successful" command actually produced.
 */
@Named("verifyBatchlet")
@Dependent
public class VerifyBatchlet extends RunStep {
    @Inject
    RunSettings settings;

    private static final int MAX_FILES_WALKED = 100_000;

    @Override
    String work(ActiveRun run) {
        if (run.failed()) {
            return FAILED;
        }
        Path target = Path.of(run.targetPath());
        if (!Files.isDirectory(target)) {
            run.ended(ExecutionStatus.FAILED, run.exitCode(), "target " + target + " disappeared during the run", null, null);
            return FAILED;
        }
        RunControl control = settings.controlFor(run);
        long[] written = new long[2];
        try (Stream<Path> files = Files.walk(target)) {
            files.limit(MAX_FILES_WALKED).filter(Files::isRegularFile).forEach(file -> {
                control.checkpoint(); // a huge target must not outlive a cancel or the time limit
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (!attributes.lastModifiedTime().toInstant().isBefore(run.startedAt())) {
                        written[0]++;
                        written[1] += attributes.size();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            run.ended(ExecutionStatus.FAILED, run.exitCode(), "target " + target + " could not be read: " + e.getMessage(), null, null);
            return FAILED;
        }
        appendToLog(run, "[verify] " + written[0] + " files (" + written[1] + " bytes) in " + target + " were written by this run\n");
        run.ended(ExecutionStatus.SUCCEEDED, run.exitCode(), null, null, null);
        return COMPLETED;
    }

    private static void appendToLog(ActiveRun run, String line) {
        try {
            Files.writeString(run.logFile(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience; the run's outcome does not depend on it
        }
    }
}
