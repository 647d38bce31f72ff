package io.backupscheduler.execution;

/**
 * The host as the dispatcher last saw it: CPU load (percent of all cores, -1 before the first interval), available
 * memory, and disk and network traffic over the last interval in MB/s.
 */
public record SystemSnapshot(double cpuPercent, long availableMemoryMb, double diskIoMbPerSecond, double networkMbPerSecond) {
}
