package io.backupscheduler.api;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.Execution;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.queue.RunPurpose;
import java.time.Instant;
import java.util.Optional;

/**
 * One run as the API shows it. While it runs on the node that answers, {@code usage} is live (sampled so far)
 * and {@code step} is the batch step it is in. {@code log} is where its output can be read.
 */
public record ExecutionResponse(long id, Long queueEntryId, RunPurpose purpose, long jobId, String jobName, JobKind jobKind, int attempt,
                                String node, ExecutionStatus status, String step, Instant startedAt, Instant finishedAt,
                                Long durationMs, Integer exitCode, String error, Limits limits, String enforcement,
                                Usage usage, boolean live, Progress progress, Long restoredFiles, Long restoredBytes, String log, Long batchInstanceId,
                                Long batchExecutionId, Instant cancelRequestedAt, String cancelRequestedBy) {

    /** A directory backup's or a restore's work done of the expected totals, while it runs on the answering node. */
    public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal) {
    }

    /** The limits the run ran under (the job's, with the run's overrides). */
    public record Limits(Integer maxCpuPercent, Integer maxMemoryMb, Integer maxExecutionSeconds, Integer ioPriority,
                         Long maxIoBytesPerSecond) {
    }

    /** Resources used: CPU as percent of one core, resident memory, bytes through read and write calls. */
    public record Usage(Double cpuAvgPercent, Double cpuPeakPercent, Double peakRssMb, Long bytesRead, Long bytesWritten) {
        static Usage of(ResourceUsage u) {
            return new Usage(u.cpuAveragePercent(), u.cpuPeakPercent(), u.peakRssMb(), u.bytesRead(), u.bytesWritten());
        }
    }

    static ExecutionResponse of(Execution e, Optional<ActiveRun> live) {
        boolean isLive = live.isPresent() && e.getStatus() == ExecutionStatus.RUNNING;
        Usage usage = isLive ? Usage.of(live.get().usage())
                : new Usage(e.getCpuAvgPercent(), e.getCpuPeakPercent(), e.getPeakRssMb(), e.getBytesRead(), e.getBytesWritten());
        String step = isLive && live.get().step() != null ? live.get().step() : e.getStep();
        return new ExecutionResponse(e.getId(), e.getQueueEntryId(), e.getPurpose(), e.getJobId(), e.getJobName(), e.getJobKind(), e.getAttempt(),
                e.getNode(), e.getStatus(), step, e.getStartedAt(), e.getFinishedAt(), e.getDurationMs(), e.getExitCode(),
                e.getError(), new Limits(e.getMaxCpuPercent(), e.getMaxMemoryMb(), e.getMaxExecutionSeconds(), e.getIoPriority(),
                        e.getMaxIoBytesPerSecond()),
                e.getEnforcement(), usage, isLive, isLive ? progress(live.get()) : null,
                e.getRestoredFiles(), e.getRestoredBytes(), "/api/v1/executions/" + e.getId() + "/log",
                e.getBatchInstanceId(),
                e.getBatchExecutionId(), e.getCancelRequestedAt(), e.getCancelRequestedBy());
    }

    private static Progress progress(ActiveRun run) {
        long[] p = run.progress();
        return p == null ? null : new Progress(p[0], p[1], p[2], p[3]);
    }
}
