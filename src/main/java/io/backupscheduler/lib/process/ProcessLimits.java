package io.backupscheduler.lib.process;

import java.time.Duration;

/**
 * What one run may use; each null means unlimited.
 *
 * @param cpuPercent share of one CPU, 1-100
 * @param memoryMb resident memory in MiB
 * @param timeout wall-clock time before the run is stopped
 * @param ioPriority best-effort I/O priority, 0 (highest) to 7 (lowest)
 */
public record ProcessLimits(Integer cpuPercent, Integer memoryMb, Duration timeout, Integer ioPriority) {
    public static final ProcessLimits NONE = new ProcessLimits(null, null, null, null);
}
