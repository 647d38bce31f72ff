package io.backupscheduler.execution;

/**
 * The host as the dispatcher last saw it: CPU load (percent of all cores, -1 before the first interval), the part of
 * it this server's own JVM used over the same interval (its threads: the bookkeeping of runs and the directory
 * backups it writes itself; 0 when the JVM cannot tell), available memory, and disk and network traffic over the
 * last interval in MB/s.
 */
public record SystemSnapshot(double cpuPercent, long availableMemoryMb, double diskIoMbPerSecond, double networkMbPerSecond,
                             double serverCpuPercent) {

    /** A host reading without this server's share. */
    public SystemSnapshot(double cpuPercent, long availableMemoryMb, double diskIoMbPerSecond, double networkMbPerSecond) {
        this(cpuPercent, availableMemoryMb, diskIoMbPerSecond, networkMbPerSecond, 0);
    }

    /** The load everything but this server puts on the CPU (-1 before the first interval). */
    public double othersCpuPercent() {
        return cpuPercent < 0 ? -1 : Math.max(0, cpuPercent - Math.max(0, serverCpuPercent));
    }
}
