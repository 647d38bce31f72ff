package io.backupscheduler.lib.process;

/**
 * What a run used, sampled while it ran: CPU as a percentage of one core (average over the run and the highest
 * sample), the highest resident memory of the whole process tree, and bytes read and written.
 */
public record ResourceUsage(double cpuAveragePercent, double cpuPeakPercent, double peakRssMb, long bytesRead,
                            long bytesWritten) {
    public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0, 0, 0);

    /** The same usage with other byte counts (an in-JVM backup knows them from what it stored, not from a process). */
    public ResourceUsage withBytes(long read, long written) {
        return new ResourceUsage(cpuAveragePercent, cpuPeakPercent, peakRssMb, read, written);
    }
}
