package io.backupscheduler.load;

import io.backupscheduler.lib.archive.ArchiveControl;
import io.backupscheduler.lib.archive.ArchiveVerifier;
import io.backupscheduler.lib.archive.DirectoryArchiver;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.lib.archive.PointWriter;
import io.backupscheduler.lib.archive.RestoreListener;
import io.backupscheduler.lib.archive.RestoreSelection;
import io.backupscheduler.lib.archive.Restorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Directory backups against {@code tar -cf - DIR | zstd -1 -T0} on the same generated data set, in the same run:
 * a full backup, an incremental after 1% of the files changed, a verify and a restore. Arguments: the size in MB
 * (default 2048), a work directory (default /tmp/backup-bench) and the number of rounds (default 2; the first warms
 * the page cache and the JIT). See docs/benchmarks.md.
 */
public final class DirectoryBackupBenchmark {
    /** This JVM's CPU time, read around our full backup. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private DirectoryBackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/backup-bench");
        Path source = work.resolve("source");
        if (!Files.isDirectory(source)) {
            generate(source, megabytes);
        }
        long[] size = FileSelection.of(source).count(ArchiveControl.NONE);
        System.out.printf(Locale.ROOT, "data set: %,d files, %,d MB in %s%n", size[0], size[1] >> 20, source);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int round = 1; round <= rounds; round++) {
            Path repository = fresh(work.resolve("repository"));
            // both sides read the data set from the page cache (it fits in memory; round 1 warms it, round 2 is reported)
            // each backup, too, starts with the dirty pages written out, so that neither competes with the write-back
            // of what the side before it wrote (the peer's whole archive, when it went first every round); the peer
            // goes first in odd rounds, last in even ones
            long[] backups = new long[2];
            PointWriter.Sealed[] full = new PointWriter.Sealed[1];
            Work peerBackup = () -> {
                run("sync");
                backups[0] = time(() -> run("/bin/sh", "-c", "tar -cf - -C " + source + " . | zstd -q -1 -T0 -o "
                        + repository.resolve("peer.tar.zst")));
            };
            if (round % 2 == 1) {
                peerBackup.run();
            }
            run("sync");
            long cpuBefore = PROCESS.getProcessCpuTime(); // this JVM's whole CPU: reading, zstd's workers, hashing
            backups[1] = time(() -> full[0] = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1,
                    repository.resolve("point-1.tar.zst"), ArchiveControl.NONE, (f, b) -> { }));
            long oursCpu = (PROCESS.getProcessCpuTime() - cpuBefore) / 1_000_000;
            if (round % 2 == 0) {
                peerBackup.run();
            }
            long peer = backups[0];
            long ours = backups[1];
            long peerBytes = Files.size(repository.resolve("peer.tar.zst"));
            long verify = time(() -> {
                // segments read back one per core at once, as backup.directory.verify-parallelism=0 (the default) has a run do
                if (!ArchiveVerifier.verify(PointWriter.segments(repository.resolve("point-1.tar.zst"), full[0].segments()), full[0].manifest(), 1,
                        PointSealing.NONE, ArchiveControl.NONE, Runtime.getRuntime().availableProcessors()).isEmpty()) {
                    throw new IllegalStateException("verification failed");
                }
            });
            List<Path> changed = changeOnePercent(source, round);
            PointWriter.Sealed[] incremental = new PointWriter.Sealed[1];
            long incrementalTime = time(() -> incremental[0] = DirectoryArchiver.archive(FileSelection.of(source), full[0].manifest(), 2,
                    repository.resolve("point-2.tar.zst"), ArchiveControl.NONE, (f, b) -> { }));
            // each restore starts with the page cache's dirty pages written out (sync), so that one side's writes are
            // not left for the other to wait on; the peer goes first in odd rounds, last in even ones
            Map<Long, List<Path>> archives = Map.of(1L, PointWriter.segments(repository.resolve("point-1.tar.zst"), full[0].segments()),
                    2L, PointWriter.segments(repository.resolve("point-2.tar.zst"), incremental[0].segments()));
            long[] restores = new long[3];
            Work peerSide = () -> {
                Path peerRestored = fresh(work.resolve("peer-restored"));
                run("sync");
                restores[2] = time(() -> run("/bin/sh", "-c", "zstd -q -dc " + repository.resolve("peer.tar.zst") + " | tar -xf - -C "
                        + peerRestored));
            };
            if (round % 2 == 1) {
                peerSide.run();
            }
            for (int parallelism : new int[] {Runtime.getRuntime().availableProcessors(), 1}) {
                Path restored = fresh(work.resolve("restored"));
                run("sync");
                restores[parallelism == 1 ? 1 : 0] = time(() -> Restorer.restore(incremental[0].manifest(), archives, restored,
                        RestoreSelection.ALL, null, ArchiveControl.NONE, RestoreListener.NONE, parallelism));
            }
            if (round % 2 == 0) {
                peerSide.run();
            }
            long restore = restores[0];
            long sequentialRestore = restores[1];
            long peerRestore = restores[2];
            System.out.printf(Locale.ROOT, "round %d: tar|zstd -1 -T0 %,d ms (%,d MB) | ours full %,d ms (CPU %,d ms, %,d MB, +verify %,d ms)"
                            + " | incremental (%d files changed) %,d ms, %d stored | restore: ours (incremental) %,d ms"
                            + " (one segment at a time %,d ms), zstd -dc | tar -x %,d ms%n",
                    round, peer, peerBytes >> 20, ours, oursCpu, full[0].archiveBytes() >> 20, verify, changed.size(), incrementalTime,
                    incremental[0].filesStored(), restore, sequentialRestore, peerRestore);
        }
    }

    /** Many small files and a few large ones; half of the bytes random, half text that compresses well. */
    static void generate(Path source, long megabytes) throws IOException {
        Random random = new Random(2026);
        long smallBudget = megabytes * 3 / 10 << 20;
        long written = 0;
        int i = 0;
        while (written < smallBudget) {
            int length = 1024 + random.nextInt(63 * 1024);
            write(source.resolve("small/" + (i % 100) + "/f" + i + ".dat"), length, i % 2 == 0, random);
            written += length;
            i++;
        }
        long large = (megabytes << 20) - written;
        for (int j = 0; j < 10; j++) {
            write(source.resolve("large/big-" + j + ".bin"), large / 10, j % 2 == 0, random);
        }
    }

    private static void write(Path file, long length, boolean text, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = length;
            while (left > 0) {
                if (text) {
                    byte[] words = ("backup scheduler line " + random.nextInt(1000) + " of some log text; ").getBytes(StandardCharsets.US_ASCII);
                    for (int k = 0; k < block.length; k++) {
                        block[k] = words[k % words.length];
                    }
                } else {
                    random.nextBytes(block);
                }
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
    }

    /** Rewrites 1% of the small files (new content, new modification time). */
    private static List<Path> changeOnePercent(Path source, int round) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source.resolve("small"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> changed = new java.util.ArrayList<>();
        for (int k = round; k < files.size(); k += 100) {
            Files.writeString(files.get(k), "changed in round " + round + " at " + System.nanoTime());
            Files.setLastModifiedTime(files.get(k), FileTime.fromMillis(System.currentTimeMillis() + round * 1000L));
            changed.add(files.get(k));
        }
        return changed;
    }

    static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Shared with {@link ArchiveCostSplit}, which times the same data set's parts, and {@link ArchiveBuildsCompared}. */
    interface Work {
        void run() throws Exception;
    }

    /** Wall milliseconds of {@code work}. */
    static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Runs a command with this process's output, failing when it fails. */
    static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
