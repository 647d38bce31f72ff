package io.backupscheduler.console;

import io.backupscheduler.execution.Execution;
import io.backupscheduler.lib.process.ResourceUsage;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Locale;

/** Formats run figures for pages: durations as "1 h 02 min", byte counts as "4.2 MB". */
@Named
@ApplicationScoped
public class ExecutionFigures {
    public String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    public String bytes(Long bytes) {
        if (bytes == null) {
            return "";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The limits a run ran under, e.g. "CPU 50%, memory 64 MB, time 30 s, I/O priority 7"; "none" without any. */
    public String limits(Execution run) {
        List<String> parts = new ArrayList<>();
        if (run.getMaxCpuPercent() != null) {
            parts.add("CPU " + run.getMaxCpuPercent() + "%");
        }
        if (run.getMaxMemoryMb() != null) {
            parts.add("memory " + run.getMaxMemoryMb() + " MB");
        }
        if (run.getMaxExecutionSeconds() != null) {
            parts.add("time " + run.getMaxExecutionSeconds() + " s");
        }
        if (run.getIoPriority() != null) {
            parts.add("I/O priority " + run.getIoPriority());
        }
        if (run.getMaxIoBytesPerSecond() != null) {
            parts.add("I/O " + bytes(run.getMaxIoBytesPerSecond()) + "/s");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    public String usage(ResourceUsage usage) {
        if (usage == null) {
            return "";
        }
        // work done inside the server (a directory backup) has its threads' CPU but no memory of its own to show
        String memory = usage.peakRssMb() > 0 ? String.format(Locale.ROOT, ", RSS %.0f MB", usage.peakRssMb()) : "";
        return String.format(Locale.ROOT, "CPU %.0f%% (peak %.0f%%)%s, read %s, written %s", usage.cpuAveragePercent(),
                usage.cpuPeakPercent(), memory, bytes(usage.bytesRead()), bytes(usage.bytesWritten()));
    }
}
