package io.backupscheduler.execution;

/**
 * What a job is expected to need, from its recent successful runs: the highest resident memory and the most it
 * wrote, and the free space on its target now ({@code -1}: unknown, e.g. the target does not exist yet).
 */
public record JobNeeds(double expectedPeakRssMb, long expectedBytesWritten, long targetFreeMb) {
    public static final JobNeeds UNKNOWN = new JobNeeds(0, 0, -1);
}
