package io.backupscheduler.load;

import static io.backupscheduler.load.DirectoryBackupBenchmark.run;
import static io.backupscheduler.load.DirectoryBackupBenchmark.time;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a full DIRECTORY backup's time goes, apart from the archive format: the same files read, hashed (SHA-256)
 * and compressed (zstd level 1, one worker per core) with no tar framing, manifest or journal, each part alone and
 * then all three fed by one thread into a file, as {@code DirectoryArchiver} does. Compare with
 * {@link DirectoryBackupBenchmark}'s figures on the same data set. Argument: the data set's directory (default
 * /tmp/backup-bench/source, which that benchmark generates). See docs/benchmarks.md.
 */
public final class ArchiveCostSplit {
    private static final int BUFFER = 128 * 1024;

    private ArchiveCostSplit() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "/tmp/backup-bench/source");
        Path output = Files.createTempFile("archive-cost-split", ".zst");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buffer = new byte[BUFFER];
        int workers = Runtime.getRuntime().availableProcessors();
        for (int round = 1; round <= 3; round++) {
            long[] bytes = new long[1];
            long read = time(() -> each(files, buffer, (b, n) -> bytes[0] += n));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long hashed = time(() -> each(files, buffer, (b, n) -> sha256.update(b, 0, n)));
            long[] compressed = compress(files, buffer, Path.of("/dev/null"), workers, null);
            run("sync");
            long[] all = compress(files, buffer, output, workers, MessageDigest.getInstance("SHA-256"));
            System.out.printf(Locale.ROOT, "round %d: %,d files, %,d MB | read %,d ms | read + SHA-256 %,d ms"
                            + " | read + zstd -1 (%d workers) to /dev/null %,d ms (CPU %,d ms)"
                            + " | read + SHA-256 + zstd to a file %,d ms (CPU %,d ms)%n",
                    round, files.size(), bytes[0] >> 20, read, hashed, workers, compressed[0], compressed[1], all[0], all[1]);
        }
        Files.delete(output);
    }

    /** Wall and process CPU milliseconds of compressing every file into {@code target}, hashing each too if asked. */
    private static long[] compress(List<Path> files, byte[] buffer, Path target, int workers, MessageDigest sha256)
            throws Exception {
        long cpu = cpuMillis();
        long wall = time(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), BUFFER);
                 ZstdOutputStream zstd = new ZstdOutputStream(out, 1)) {
                zstd.setWorkers(workers);
                each(files, buffer, (b, n) -> {
                    if (sha256 != null) {
                        sha256.update(b, 0, n);
                    }
                    zstd.write(b, 0, n);
                });
            }
        });
        return new long[] {wall, cpuMillis() - cpu};
    }

    private interface Chunk {
        void accept(byte[] bytes, int length) throws IOException;
    }

    private static void each(List<Path> files, byte[] buffer, Chunk chunk) throws IOException {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    chunk.accept(buffer, n);
                }
            }
        }
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    }
}
