package io.backupscheduler.execution;

import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.persistence.Timestamped;
import io.backupscheduler.queue.RunPurpose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * The record of one run: which queue entry and job, on which node, how it ended, the limits it ran under and
 * which mechanism enforced them, the resources it used and where its log is. It outlives its queue entry.
 */
@Entity
@Table(name = "execution")
public class Execution extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "execution_seq")
    @SequenceGenerator(name = "execution_seq", sequenceName = "execution_seq", allocationSize = 50)
    private Long id;

    @Column(name = "queue_entry_id")
    private Long queueEntryId;

    @Column(name = "job_id", nullable = false)
    private long jobId;

    @Column(name = "job_name", nullable = false, length = 200)
    private String jobName;

    @Enumerated(EnumType.STRING)
    @Column(name = "job_kind", nullable = false, length = 16)
    private JobKind jobKind;

    @Column(nullable = false)
    private int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunPurpose purpose = RunPurpose.BACKUP;

    @Column(name = "restored_files")
    private Long restoredFiles;

    @Column(name = "restored_bytes")
    private Long restoredBytes;

    @Column(nullable = false, length = 100)
    private String node;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ExecutionStatus status = ExecutionStatus.RUNNING;

    @Column(length = 40)
    private String step;

    @Column(name = "batch_instance_id")
    private Long batchInstanceId;

    @Column(name = "batch_execution_id")
    private Long batchExecutionId;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "exit_code")
    private Integer exitCode;

    @Column(length = 4000)
    private String error;

    @Column(name = "max_cpu_percent")
    private Integer maxCpuPercent;

    @Column(name = "max_memory_mb")
    private Integer maxMemoryMb;

    @Column(name = "max_execution_seconds")
    private Integer maxExecutionSeconds;

    @Column(name = "io_priority")
    private Integer ioPriority;

    @Column(name = "max_io_bytes_per_second")
    private Long maxIoBytesPerSecond;

    @Column(length = 1000)
    private String enforcement;

    @Column(name = "cpu_avg_percent")
    private Double cpuAvgPercent;

    @Column(name = "cpu_peak_percent")
    private Double cpuPeakPercent;

    @Column(name = "peak_rss_mb")
    private Double peakRssMb;

    @Column(name = "bytes_read")
    private Long bytesRead;

    @Column(name = "bytes_written")
    private Long bytesWritten;

    @Column(name = "log_path", length = 4096)
    private String logPath;

    @Column(name = "cancel_requested_at")
    private Instant cancelRequestedAt;

    @Column(name = "cancel_requested_by", length = 100)
    private String cancelRequestedBy;

    protected Execution() {
    }

    Execution(Long queueEntryId, long jobId, String jobName, JobKind jobKind, int attempt, String node, Instant startedAt,
              ResourceLimits limits) {
        this.queueEntryId = queueEntryId;
        this.jobId = jobId;
        this.jobName = jobName;
        this.jobKind = jobKind;
        this.attempt = attempt;
        this.node = node;
        this.startedAt = startedAt;
        this.maxCpuPercent = limits.getMaxCpuPercent();
        this.maxMemoryMb = limits.getMaxMemoryMb();
        this.maxExecutionSeconds = limits.getMaxExecutionSeconds();
        this.ioPriority = limits.getIoPriority();
        this.maxIoBytesPerSecond = limits.getMaxIoBytesPerSecond();
    }

    void batchStarted(long instanceId, long executionId) {
        this.batchInstanceId = instanceId;
        this.batchExecutionId = executionId;
    }

    void logAt(String path) {
        this.logPath = path;
    }

    void cancelRequested(Instant at, String by) {
        if (cancelRequestedAt == null) {
            cancelRequestedAt = at;
            cancelRequestedBy = by;
        }
    }

    void finished(ExecutionStatus status, Instant at, Integer exitCode, String error, String enforcement, ResourceUsage usage) {
        this.status = status;
        this.finishedAt = at;
        this.durationMs = Math.max(0, Duration.between(startedAt, at).toMillis());
        this.exitCode = exitCode;
        this.error = error == null ? null : error.length() > 4000 ? error.substring(0, 4000) : error;
        if (enforcement != null) {
            this.enforcement = enforcement.length() > 1000 ? enforcement.substring(0, 1000) : enforcement;
        }
        if (usage != null) {
            this.cpuAvgPercent = usage.cpuAveragePercent();
            this.cpuPeakPercent = usage.cpuPeakPercent();
            this.peakRssMb = usage.peakRssMb();
            this.bytesRead = usage.bytesRead();
            this.bytesWritten = usage.bytesWritten();
        }
    }

    public Long getId() {
        return id;
    }

    public Long getQueueEntryId() {
        return queueEntryId;
    }

    /** What the run was for: the job's backup, a restore of one of its points, or a restore drill. */
    public RunPurpose getPurpose() {
        return purpose;
    }

    /** Files a restore or drill wrote (null for a backup): what it got to, also when it failed or was cancelled. */
    public Long getRestoredFiles() {
        return restoredFiles;
    }

    public Long getRestoredBytes() {
        return restoredBytes;
    }

    void purpose(RunPurpose purpose) {
        this.purpose = purpose;
    }

    public long getJobId() {
        return jobId;
    }

    public String getJobName() {
        return jobName;
    }

    public JobKind getJobKind() {
        return jobKind;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getNode() {
        return node;
    }

    public ExecutionStatus getStatus() {
        return status;
    }

    public String getStep() {
        return step;
    }

    public Long getBatchInstanceId() {
        return batchInstanceId;
    }

    public Long getBatchExecutionId() {
        return batchExecutionId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public String getError() {
        return error;
    }

    public Integer getMaxCpuPercent() {
        return maxCpuPercent;
    }

    public Integer getMaxMemoryMb() {
        return maxMemoryMb;
    }

    public Integer getMaxExecutionSeconds() {
        return maxExecutionSeconds;
    }

    public Integer getIoPriority() {
        return ioPriority;
    }

    public Long getMaxIoBytesPerSecond() {
        return maxIoBytesPerSecond;
    }

    public String getEnforcement() {
        return enforcement;
    }

    public Double getCpuAvgPercent() {
        return cpuAvgPercent;
    }

    public Double getCpuPeakPercent() {
        return cpuPeakPercent;
    }

    public Double getPeakRssMb() {
        return peakRssMb;
    }

    public Long getBytesRead() {
        return bytesRead;
    }

    public Long getBytesWritten() {
        return bytesWritten;
    }

    public String getLogPath() {
        return logPath;
    }

    public Instant getCancelRequestedAt() {
        return cancelRequestedAt;
    }

    public String getCancelRequestedBy() {
        return cancelRequestedBy;
    }
}
