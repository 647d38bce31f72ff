package io.backupscheduler.lib.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples a process tree's usage through OSHI: CPU time, resident memory and I/O of the root and every
 * descendant. Children that exit between samples keep their last figures, so totals only grow.
 */
final class ProcessTreeSampler {
    private static final OperatingSystem OS = new SystemInfo().getOperatingSystem();

    /** Last figures seen per pid: cpu ms, bytes read, bytes written. */
    private final Map<Long, long[]> lastSeen = new HashMap<>();
    private final long rootPid;
    private final long startNanos = System.nanoTime();
    private long lastSampleNanos = startNanos;
    private long lastCpuMillis;
    private double peakCpuPercent;
    private long peakRssBytes;
    private long currentRssBytes;

    ProcessTreeSampler(long rootPid) {
        this.rootPid = rootPid;
    }

    /** Takes one sample of the tree as it is now. */
    void sample() {
        long rss = 0;
        rss += sampleOne(rootPid);
        for (ProcessHandle child : ProcessHandle.of(rootPid).map(h -> h.descendants().toList()).orElse(java.util.List.of())) {
            rss += sampleOne(child.pid());
        }
        currentRssBytes = rss;
        peakRssBytes = Math.max(peakRssBytes, rss);
        long now = System.nanoTime();
        long cpu = cpuMillis();
        double elapsedMillis = (now - lastSampleNanos) / 1e6;
        if (elapsedMillis >= 50) {
            peakCpuPercent = Math.max(peakCpuPercent, (cpu - lastCpuMillis) * 100.0 / elapsedMillis);
            lastSampleNanos = now;
            lastCpuMillis = cpu;
        }
    }

    private long sampleOne(long pid) {
        OSProcess process = OS.getProcess((int) pid);
        if (process == null) {
            return 0;
        }
        long[] figures = lastSeen.computeIfAbsent(pid, p -> new long[3]);
        figures[0] = Math.max(figures[0], process.getUserTime() + process.getKernelTime());
        long[] io = syscallIo(pid);
        figures[1] = Math.max(figures[1], io == null ? process.getBytesRead() : io[0]);
        figures[2] = Math.max(figures[2], io == null ? process.getBytesWritten() : io[1]);
        return process.getResidentSetSize();
    }

    /**
     * Bytes passed through read and write calls (Linux {@code rchar}/{@code wchar}); OSHI's storage-level figures
     * stay zero for writes still in the page cache and inside many containers. Null where /proc/PID/io is absent.
     */
    private static long[] syscallIo(long pid) {
        Path io = Path.of("/proc", Long.toString(pid), "io");
        if (!Files.isReadable(io)) {
            return null;
        }
        try {
            long[] figures = new long[2];
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("rchar:")) {
                    figures[0] = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("wchar:")) {
                    figures[1] = Long.parseLong(line.substring(6).trim());
                }
            }
            return figures;
        } catch (IOException | NumberFormatException e) {
            return null; // the process ended between the check and the read
        }
    }

    /** CPU time used by the tree so far, in milliseconds. */
    long cpuMillis() {
        return lastSeen.values().stream().mapToLong(f -> f[0]).sum();
    }

    long currentRssBytes() {
        return currentRssBytes;
    }

    ResourceUsage usage() {
        double wallMillis = Math.max(1, (System.nanoTime() - startNanos) / 1e6);
        long read = lastSeen.values().stream().mapToLong(f -> f[1]).sum();
        long written = lastSeen.values().stream().mapToLong(f -> f[2]).sum();
        double average = cpuMillis() * 100.0 / wallMillis;
        return new ResourceUsage(round(average), round(Math.max(peakCpuPercent, average)), round(peakRssBytes / 1048576.0),
                read, written);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
