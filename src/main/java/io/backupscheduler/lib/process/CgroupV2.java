package io.backupscheduler.lib.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A delegated cgroup v2 directory under which each run gets its own group with {@code memory.max},
 * {@code cpu.max} and {@code io.weight}: the strongest confinement Linux offers, and the only one that also holds
 * a process that leaves its process group. Used only when the directory is on cgroup2 and writable.
 */
public final class CgroupV2 {
    private static final Logger LOG = Logger.getLogger(CgroupV2.class.getName());
    private static final long CPU_PERIOD_MICROS = 100_000;

    /** The controllers a run can be limited by. */
    public enum Controller { MEMORY, CPU, IO }

    private final Path parent;
    private final Set<Controller> controllers;

    private CgroupV2(Path parent, Set<Controller> controllers) {
        this.parent = parent;
        this.controllers = controllers;
    }

    /**
     * The delegated directory, created under its cgroup2 parent when missing, with the controllers it could
     * enable for its children; empty when cgroup v2 is absent or not writable here.
     */
    public static Optional<CgroupV2> at(Path parent) {
        try {
            Path mountParent = parent.getParent();
            if (!Files.exists(parent) && mountParent != null && Files.exists(mountParent.resolve("cgroup.controllers"))
                    && Files.isWritable(mountParent)) {
                Files.createDirectory(parent);
            }
            if (!Files.isRegularFile(parent.resolve("cgroup.controllers")) || !Files.isWritable(parent.resolve("cgroup.subtree_control"))) {
                return Optional.empty();
            }
            String available = Files.readString(parent.resolve("cgroup.controllers"));
            Set<Controller> enabled = EnumSet.noneOf(Controller.class);
            for (Controller controller : Controller.values()) {
                String name = controller.name().toLowerCase();
                if (!available.contains(name)) {
                    continue;
                }
                try {
                    Files.writeString(parent.resolve("cgroup.subtree_control"), "+" + name);
                    enabled.add(controller);
                } catch (IOException e) {
                    LOG.fine(() -> "cgroup controller " + name + " not enabled under " + parent + ": " + e);
                }
            }
            return enabled.isEmpty() ? Optional.empty() : Optional.of(new CgroupV2(parent, enabled));
        } catch (IOException | SecurityException e) {
            LOG.fine(() -> "no usable cgroup v2 at " + parent + ": " + e);
            return Optional.empty();
        }
    }

    public Set<Controller> controllers() {
        return Set.copyOf(controllers);
    }

    /** Creates a run's group and writes the limits its controllers can hold; null limits stay at "max". */
    public Group create(String name, ProcessLimits limits) throws IOException {
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        Group group = new Group(dir);
        if (limits.memoryMb() != null && controllers.contains(Controller.MEMORY)) {
            write(dir.resolve("memory.max"), Long.toString(limits.memoryMb() * 1024L * 1024L));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                write(dir.resolve("memory.swap.max"), "0"); // otherwise the limit only moves pages to swap
            }
        }
        if (limits.cpuPercent() != null && controllers.contains(Controller.CPU)) {
            write(dir.resolve("cpu.max"), (CPU_PERIOD_MICROS * limits.cpuPercent() / 100) + " " + CPU_PERIOD_MICROS);
        }
        if (limits.ioPriority() != null && controllers.contains(Controller.IO)) {
            write(dir.resolve("io.weight"), "default " + ioWeight(limits.ioPriority()));
        }
        return group;
    }

    /** Maps ionice's best-effort levels (0 highest, 4 normal, 7 lowest) onto io.weight (1-10000, 100 normal). */
    static int ioWeight(int ioPriority) {
        int[] weights = {800, 400, 200, 150, 100, 60, 40, 25};
        return weights[Math.max(0, Math.min(7, ioPriority))];
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** One run's group. */
    public static final class Group implements AutoCloseable {
        private final Path dir;

        Group(Path dir) {
            this.dir = dir;
        }

        /** The file a process writes its pid to in order to join the group. */
        public Path procsFile() {
            return dir.resolve("cgroup.procs");
        }

        /** Whether the kernel's OOM killer killed a member for going past memory.max. */
        public boolean oomKilled() {
            try {
                for (String line : Files.readAllLines(dir.resolve("memory.events"))) {
                    if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return false;
            }
            return false;
        }

        /** Highest memory the group used, in bytes (kernel 5.19+), or -1. */
        public long memoryPeakBytes() {
            try {
                return Long.parseLong(Files.readString(dir.resolve("memory.peak")).trim());
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }

        /** Kills every member, including any that left the process group. */
        public void killAll() {
            try {
                if (Files.exists(dir.resolve("cgroup.kill"))) {
                    Files.writeString(dir.resolve("cgroup.kill"), "1");
                    return;
                }
                for (String pid : Files.readAllLines(procsFile())) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                LOG.warning(() -> "could not kill the members of " + dir + ": " + e);
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < 20; i++) { // an empty group can be removed once its last member is reaped
                try {
                    Files.deleteIfExists(dir);
                    return;
                } catch (IOException e) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            LOG.warning(() -> "cgroup " + dir + " could not be removed");
        }
    }
}
