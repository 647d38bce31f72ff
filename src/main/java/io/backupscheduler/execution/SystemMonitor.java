package io.backupscheduler.execution;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * The host's load through OSHI, and this server's own share of the CPU through the JVM. CPU load and I/O rates are
 * differences between two readings, so each snapshot compares with the previous one (readings closer than half a
 * second reuse the last snapshot: a tick delta that short is noise, and a 200 ms window read 0 on WildFly:
 * docs/servers.md, "Platform notes").
 */
@ApplicationScoped
public class SystemMonitor {
    private static final Logger LOG = Logger.getLogger(SystemMonitor.class.getName());
    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private HardwareAbstractionLayer hardware;
    private long[] lastTicks;
    private long lastReadAt;
    private long lastServerCpuNanos = -1;
    private long lastDiskBytes = -1;
    private long lastNetworkBytes = -1;
    private SystemSnapshot last = new SystemSnapshot(-1, Long.MAX_VALUE, 0, 0);
    /** The last reading failed: said once at WARNING, so a host whose load cannot be read does not go unnoticed. */
    private boolean failing;

    /** The host now (or as of at most half a second ago). */
    public synchronized SystemSnapshot snapshot() {
        long now = System.nanoTime();
        if (lastTicks != null && now - lastReadAt < MIN_INTERVAL_NANOS) {
            return last;
        }
        try {
            if (hardware == null) {
                hardware = new SystemInfo().getHardware();
            }
            CentralProcessor cpu = hardware.getProcessor();
            long[] ticks = cpu.getSystemCpuLoadTicks();
            double cpuPercent = lastTicks == null ? -1 : cpu.getSystemCpuLoadBetweenTicks(lastTicks) * 100;
            long serverCpuNanos = serverCpuNanos();
            double serverCpuPercent = lastTicks == null || serverCpuNanos < 0 || lastServerCpuNanos < 0 ? 0
                    : Math.min(100, 100.0 * (serverCpuNanos - lastServerCpuNanos)
                            / ((now - lastReadAt) * (double) cpu.getLogicalProcessorCount()));
            long availableMb = hardware.getMemory().getAvailable() / (1024 * 1024);
            long diskBytes = 0;
            for (HWDiskStore disk : hardware.getDiskStores()) {
                diskBytes += disk.getReadBytes() + disk.getWriteBytes();
            }
            long networkBytes = 0;
            for (NetworkIF network : hardware.getNetworkIFs()) {
                networkBytes += network.getBytesRecv() + network.getBytesSent();
            }
            double seconds = lastTicks == null ? 0 : (now - lastReadAt) / 1e9;
            double diskRate = seconds > 0 && lastDiskBytes >= 0 ? Math.max(0, diskBytes - lastDiskBytes) / seconds / 1e6 : 0;
            double networkRate = seconds > 0 && lastNetworkBytes >= 0 ? Math.max(0, networkBytes - lastNetworkBytes) / seconds / 1e6 : 0;
            lastTicks = ticks;
            lastReadAt = now;
            lastServerCpuNanos = serverCpuNanos;
            lastDiskBytes = diskBytes;
            lastNetworkBytes = networkBytes;
            last = new SystemSnapshot(cpuPercent, availableMb, diskRate, networkRate, serverCpuPercent);
            if (failing) {
                failing = false;
                LOG.info("the host's load can be read again; admission compares it with its thresholds");
            }
        } catch (RuntimeException | LinkageError e) { // no OSHI support on this platform: admit by the other checks
            if (!failing) {
                failing = true;
                LOG.warning("could not read the host's load (" + e + "); until a reading succeeds, admission uses the"
                        + " last one it had (before the first: CPU unknown, memory unlimited)");
            }
            LOG.log(Level.FINE, "could not read the host's load", e);
        }
        return last;
    }

    /**
     * CPU time this JVM has used, all its threads (-1 where the platform does not say). From java.base: WildFly's
     * module system hides com.sun.management from deployments, and the failed lookup lost every snapshot there.
     */
    private static long serverCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Free space (MB) on the file system of {@code path} or its nearest existing parent; -1 when none exists. */
    public long freeMb(String path) {
        if (path == null || path.isBlank()) {
            return -1;
        }
        File file = new File(path);
        while (file != null && !file.exists()) {
            file = file.getParentFile();
        }
        return file == null ? -1 : file.getUsableSpace() / (1024 * 1024);
    }
}
