package io.backupscheduler.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a run may start now, and if not, says why in words an operator understands: the reason is
 * shown on the waiting queue entry. Plain Java.
 */
public final class ResourceAdmission {
    private ResourceAdmission() {
    }

    /** Shortages of the host as a whole, whatever the job. */
    public static Optional<String> hostShortage(SystemSnapshot host, AdmissionThresholds limits) {
        List<String> reasons = new ArrayList<>();
        // the CPU this server itself uses does not count: its own runs are held to the worker slots, and counting them
        // made a node busy with many small runs refuse its next ones (a 15 s wait each) on a small host
        double others = host.othersCpuPercent();
        if (others >= 0 && others > limits.maxCpuPercent()) {
            reasons.add(host.serverCpuPercent() >= 0.5
                    ? String.format(Locale.ROOT, "CPU load %.0f%% is above %d%% (host %.0f%%, of which this server %.0f%%)", others,
                            limits.maxCpuPercent(), host.cpuPercent(), host.serverCpuPercent())
                    : String.format(Locale.ROOT, "CPU load %.0f%% is above %d%%", others, limits.maxCpuPercent()));
        }
        if (host.availableMemoryMb() < limits.minFreeMemoryMb()) {
            reasons.add("available memory " + host.availableMemoryMb() + " MB is below " + limits.minFreeMemoryMb() + " MB");
        }
        if (limits.maxDiskIoMbPerSecond() > 0 && host.diskIoMbPerSecond() > limits.maxDiskIoMbPerSecond()) {
            reasons.add(String.format(Locale.ROOT, "disk I/O %.1f MB/s is above %d MB/s", host.diskIoMbPerSecond(),
                    limits.maxDiskIoMbPerSecond()));
        }
        if (limits.maxNetworkMbPerSecond() > 0 && host.networkMbPerSecond() > limits.maxNetworkMbPerSecond()) {
            reasons.add(String.format(Locale.ROOT, "network traffic %.1f MB/s is above %d MB/s", host.networkMbPerSecond(),
                    limits.maxNetworkMbPerSecond()));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** Shortages for this job: memory for what it usually takes, disk on its target for what it usually writes. */
    public static Optional<String> jobShortage(SystemSnapshot host, AdmissionThresholds limits, JobNeeds needs) {
        List<String> reasons = new ArrayList<>();
        long memoryNeeded = limits.minFreeMemoryMb() + (long) Math.ceil(needs.expectedPeakRssMb());
        if (needs.expectedPeakRssMb() > 0 && host.availableMemoryMb() < memoryNeeded) {
            reasons.add(String.format(Locale.ROOT, "available memory %d MB is below %d MB (%d MB reserve + %.0f MB its recent runs used)",
                    host.availableMemoryMb(), memoryNeeded, limits.minFreeMemoryMb(), needs.expectedPeakRssMb()));
        }
        if (needs.targetFreeMb() >= 0) {
            long diskNeeded = limits.minFreeDiskMb() + (needs.expectedBytesWritten() + 1048575) / 1048576;
            if (needs.targetFreeMb() < diskNeeded) {
                reasons.add("free disk on the target " + needs.targetFreeMb() + " MB is below " + diskNeeded + " MB ("
                        + limits.minFreeDiskMb() + " MB reserve + what its recent runs wrote)");
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
