package io.backupscheduler.execution;

/**
 * When a node starts no new run: system CPU load above {@code maxCpuPercent}; less available memory than
 * {@code minFreeMemoryMb} plus what the job is expected to need; less free disk on the job's target than
 * {@code minFreeDiskMb} plus what it is expected to write; disk or network traffic above their rates (0: any).
 */
public record AdmissionThresholds(int maxCpuPercent, long minFreeMemoryMb, long minFreeDiskMb, long maxDiskIoMbPerSecond,
                                  long maxNetworkMbPerSecond) {
}
