package io.backupscheduler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Objects;

/**
 * Per-job resource limits, each optional (null: no limit). The execution engine enforces them with the
 * strongest mechanism the host offers.
 */
@Embeddable
public class ResourceLimits implements java.io.Serializable {
    /** Upper bound on execution time: thirty days. */
    public static final int MAX_EXECUTION_SECONDS = 30 * 24 * 3600;
    public static final long MIN_IO_BYTES_PER_SECOND = 1024;
    public static final long MAX_IO_BYTES_PER_SECOND = 100_000_000_000L;

    @Min(value = 1, message = "must be between 1 and 100")
    @Max(value = 100, message = "must be between 1 and 100")
    @Column(name = "max_cpu_percent")
    private Integer maxCpuPercent;

    @Min(value = 16, message = "must be at least 16 MB")
    @Max(value = 4_194_304, message = "must be at most 4194304 MB (4 TB)")
    @Column(name = "max_memory_mb")
    private Integer maxMemoryMb;

    @Min(value = 1, message = "must be at least 1 second")
    @Max(value = MAX_EXECUTION_SECONDS, message = "must be at most " + MAX_EXECUTION_SECONDS + " seconds (30 days)")
    @Column(name = "max_execution_seconds")
    private Integer maxExecutionSeconds;

    @Min(value = 0, message = "must be between 0 (highest) and 7 (lowest)")
    @Max(value = 7, message = "must be between 0 (highest) and 7 (lowest)")
    @Column(name = "io_priority")
    private Integer ioPriority;

    /** Bytes per second the job's in-JVM work may read plus write; external commands get their I/O priority only. */
    @Min(value = MIN_IO_BYTES_PER_SECOND, message = "must be at least " + MIN_IO_BYTES_PER_SECOND + " bytes per second")
    @Max(value = MAX_IO_BYTES_PER_SECOND, message = "must be at most " + MAX_IO_BYTES_PER_SECOND + " bytes per second")
    @Column(name = "max_io_bytes_per_second")
    private Long maxIoBytesPerSecond;

    public ResourceLimits() {
    }

    public ResourceLimits(Integer maxCpuPercent, Integer maxMemoryMb, Integer maxExecutionSeconds, Integer ioPriority) {
        this.maxCpuPercent = maxCpuPercent;
        this.maxMemoryMb = maxMemoryMb;
        this.maxExecutionSeconds = maxExecutionSeconds;
        this.ioPriority = ioPriority;
    }

    public ResourceLimits(Integer maxCpuPercent, Integer maxMemoryMb, Integer maxExecutionSeconds, Integer ioPriority,
                          Long maxIoBytesPerSecond) {
        this(maxCpuPercent, maxMemoryMb, maxExecutionSeconds, ioPriority);
        this.maxIoBytesPerSecond = maxIoBytesPerSecond;
    }

    public ResourceLimits copy() {
        return new ResourceLimits(maxCpuPercent, maxMemoryMb, maxExecutionSeconds, ioPriority, maxIoBytesPerSecond);
    }

    public Integer getMaxCpuPercent() {
        return maxCpuPercent;
    }

    public void setMaxCpuPercent(Integer maxCpuPercent) {
        this.maxCpuPercent = maxCpuPercent;
    }

    public Integer getMaxMemoryMb() {
        return maxMemoryMb;
    }

    public void setMaxMemoryMb(Integer maxMemoryMb) {
        this.maxMemoryMb = maxMemoryMb;
    }

    public Integer getMaxExecutionSeconds() {
        return maxExecutionSeconds;
    }

    public void setMaxExecutionSeconds(Integer maxExecutionSeconds) {
        this.maxExecutionSeconds = maxExecutionSeconds;
    }

    public Integer getIoPriority() {
        return ioPriority;
    }

    public void setIoPriority(Integer ioPriority) {
        this.ioPriority = ioPriority;
    }

    public Long getMaxIoBytesPerSecond() {
        return maxIoBytesPerSecond;
    }

    public void setMaxIoBytesPerSecond(Long maxIoBytesPerSecond) {
        this.maxIoBytesPerSecond = maxIoBytesPerSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceLimits other
                && Objects.equals(maxCpuPercent, other.maxCpuPercent)
                && Objects.equals(maxMemoryMb, other.maxMemoryMb)
                && Objects.equals(maxExecutionSeconds, other.maxExecutionSeconds)
                && Objects.equals(ioPriority, other.ioPriority)
                && Objects.equals(maxIoBytesPerSecond, other.maxIoBytesPerSecond);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxCpuPercent, maxMemoryMb, maxExecutionSeconds, ioPriority, maxIoBytesPerSecond);
    }
}
