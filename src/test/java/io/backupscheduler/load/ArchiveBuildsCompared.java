package io.backupscheduler.load;

import static io.backupscheduler.load.DirectoryBackupBenchmark.run;
import static io.backupscheduler.load.DirectoryBackupBenchmark.time;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Full DIRECTORY backups by two builds of {@code lib.archive} and by {@code tar | zstd -1 -T0}, in one JVM and in turn
 * (the order rotates each round), so that both builds and the peer meet the same moments of a noisy host. Each build
 * is loaded from its own classes directory by a class loader of its own, with the dependency jars of this JVM's
 * class path. Arguments: the first build's classes directory (e.g. a worktree of an earlier commit), the second's,
 * the number of rounds (default 7; round 1 warms the page cache and the JIT and is left out of the sums) and the data
 * set (default /tmp/backup-bench/source, which {@link DirectoryBackupBenchmark} generates). See docs/benchmarks.md.
 */
public final class ArchiveBuildsCompared {
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ArchiveBuildsCompared() {
    }

    /** One build's {@code DirectoryArchiver.archive(selection, previous, pointId, archive, control, progress)}. */
    private record Build(String name, ClassLoader loader, Method archive) {
        static Build load(String classes, List<URL> dependencies) throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(classes).toUri().toURL());
            urls.addAll(dependencies);
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            for (Method method : loader.loadClass("io.backupscheduler.lib.archive.DirectoryArchiver").getMethods()) {
                if (method.getName().equals("archive") && method.getParameterCount() == 6) {
                    return new Build(classes, loader, method);
                }
            }
            throw new IllegalStateException(classes + " has no DirectoryArchiver.archive of six parameters");
        }

        void backUp(Path source, Path archive) throws Exception {
            Class<?> selection = loader.loadClass("io.backupscheduler.lib.archive.FileSelection");
            Class<?> manifest = loader.loadClass("io.backupscheduler.lib.archive.Manifest");
            Class<?> control = loader.loadClass("io.backupscheduler.lib.archive.ArchiveControl");
            BiConsumer<Object, Object> progress = (file, bytes) -> { };
            this.archive.invoke(null, selection.getMethod("of", Path.class).invoke(null, source), manifest.getMethod("empty").invoke(null),
                    1L, archive, control.getField("NONE").get(null), progress);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ArchiveBuildsCompared FIRST_CLASSES_DIR SECOND_CLASSES_DIR [ROUNDS [SOURCE]]");
        }
        List<URL> dependencies = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                dependencies.add(Path.of(entry).toUri().toURL());
            }
        }
        Build[] builds = {Build.load(args[0], dependencies), Build.load(args[1], dependencies)};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path source = Path.of(args.length > 3 ? args[3] : "/tmp/backup-bench/source");
        Path repository = Files.createTempDirectory("archive-builds-compared");
        long[] sums = new long[3];
        for (int round = 1; round <= rounds; round++) {
            long[] millis = new long[3];
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", round));
            for (int turn = 0; turn < 3; turn++) {
                int side = (turn + round) % 3; // 0: the peer, 1 and 2: the builds
                run("rm", "-rf", repository.toString());
                Files.createDirectories(repository);
                run("sync"); // each side starts with no dirty pages of the one before it
                long cpuBefore = PROCESS.getProcessCpuTime();
                long[] ticksBefore = userAndSystemTicks();
                millis[side] = side == 0
                        ? time(() -> run("/bin/sh", "-c", "tar -cf - -C " + source + " . | zstd -q -1 -T0 -o " + repository.resolve("peer.tar.zst")))
                        : time(() -> builds[side - 1].backUp(source, repository.resolve("point-1.tar.zst")));
                long cpu = (PROCESS.getProcessCpuTime() - cpuBefore) / 1_000_000;
                long[] ticks = userAndSystemTicks();
                line.append(turn == 0 ? " " : " | ").append(side == 0 ? String.format(Locale.ROOT, "peer %,d ms", millis[side])
                        : String.format(Locale.ROOT, "build %d %,d ms (CPU %,d ms: user %,d, system %,d)", side, millis[side], cpu,
                        (ticks[0] - ticksBefore[0]) * 10, (ticks[1] - ticksBefore[1]) * 10));
            }
            line.append(String.format(Locale.ROOT, " | peer's time over build 1's %.2f, over build 2's %.2f",
                    (double) millis[0] / millis[1], (double) millis[0] / millis[2]));
            System.out.println(line);
            if (round > 1) {
                for (int side = 0; side < 3; side++) {
                    sums[side] += millis[side];
                }
            }
        }
        run("rm", "-rf", repository.toString());
        System.out.printf(Locale.ROOT, "rounds 2-%d summed: peer %,d ms | build 1 (%s) %,d ms, %.2fx | build 2 (%s) %,d ms, %.2fx%n", rounds,
                sums[0], builds[0].name(), sums[1], (double) sums[0] / sums[1], builds[1].name(), sums[2], (double) sums[0] / sums[2]);
    }

    /**
     * This JVM's user and system CPU so far, in clock ticks of 10 ms (fields 14 and 15 of /proc/self/stat): where the
     * extra CPU of a build goes, into the program or into the kernel (writes, wake-ups).
     */
    private static long[] userAndSystemTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3, the state
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }
}
