package io.backupscheduler.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps execution history within its retention policy so that neither the database nor the disk grows without
 * bound: the Execution records, the batch runtime's job-repository rows and each run's directory (log and working
 * files) go together. Runs hourly from {@link ExecutorStartup} and by hand through the API.
 */
@ApplicationScoped
public class ExecutionHousekeeping {
    private static final Logger LOG = Logger.getLogger(ExecutionHousekeeping.class.getName());
    private static final int BATCH = 500;
    private static final int MAX_BATCHES_PER_PURGE = 200;

    /** What one purge removed. */
    public record PurgeResult(int executions, int batchJobInstances, int runDirectories) {
    }

    @Inject
    ExecutionPurge purge;

    @Inject
    RunSettings settings;

    @Inject
    @ConfigProperty(name = "backup.executions.retention.days", defaultValue = "30")
    int days;

    @Inject
    @ConfigProperty(name = "backup.executions.retention.failed-days", defaultValue = "90")
    int failedDays;

    @Inject
    @ConfigProperty(name = "backup.executions.retention.runs-per-job", defaultValue = "200")
    int runsPerJob;

    public RetentionPolicy policy() {
        return new RetentionPolicy(days, failedDays, runsPerJob);
    }

    /** Removes what the policy lets go, a batch at a time (each its own transaction). */
    public synchronized PurgeResult purge() {
        RetentionPolicy policy = policy();
        Instant now = Instant.now();
        int executions = 0;
        int instances = 0;
        int directories = 0;
        boolean batchTablesUsable = true;
        for (int round = 0; round < MAX_BATCHES_PER_PURGE; round++) {
            List<ExecutionPurge.Candidate> candidates = purge.candidates(policy, now, BATCH);
            if (candidates.isEmpty()) {
                break;
            }
            List<Long> batchInstances = candidates.stream().map(ExecutionPurge.Candidate::batchInstanceId)
                    .filter(Objects::nonNull).toList();
            if (batchTablesUsable) {
                try {
                    instances += purge.deleteBatchInstances(batchInstances,
                            candidates.stream().map(ExecutionPurge.Candidate::id).toList());
                } catch (RuntimeException e) { // another server's job repository: its own purge applies
                    batchTablesUsable = false;
                    LOG.log(Level.WARNING, "could not remove batch job-repository rows; execution records are purged anyway", e);
                }
            }
            executions += purge.deleteExecutions(candidates.stream().map(ExecutionPurge.Candidate::id).toList());
            for (ExecutionPurge.Candidate candidate : candidates) {
                if (removeRunDirectory(candidate.id())) {
                    directories++;
                }
            }
        }
        PurgeResult result = new PurgeResult(executions, instances, directories);
        if (executions > 0) {
            LOG.info(() -> "execution history purged (" + policy + "): " + result);
        }
        return result;
    }

    /** The run's directory lives where RunSettings put it, named by the execution id: nothing else is touched. */
    private boolean removeRunDirectory(long executionId) {
        Path directory = settings.runDirectory(executionId);
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException e) {
            LOG.warning(() -> "could not remove the run directory " + directory + ": " + e.getMessage());
            return false;
        }
    }
}
