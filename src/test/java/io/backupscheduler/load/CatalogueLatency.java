package io.backupscheduler.load;

import io.backupscheduler.lib.archive.FileIndex;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Browsing a backup point of a million files, as the catalogue answers it: the manifest read and indexed once, then
 * random requests of each kind (a directory's first page, a later page of a large directory, a name search under a
 * directory, one file by path), with p50, p95 and p99 per kind. In the same run, the peer an operator has without a
 * catalogue: {@code grep} over the point's plain-text manifest for one directory's files. Arguments: files
 * (default 1,000,000), requests per kind (default 2,000), work directory (default /tmp/catalogue-bench). See
 * docs/benchmarks.md.
 */
public final class CatalogueLatency {
    private CatalogueLatency() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path work = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "/tmp/catalogue-bench"));
        Path manifestFile = work.resolve("point-" + files + ".manifest");
        int directories = Math.max(1, files / 1000);
        if (!Files.exists(manifestFile)) {
            generate(files, directories).write(manifestFile);
        }
        System.out.printf(Locale.ROOT, "point: %,d files in %,d directories (plus one of 100,000 files), manifest %,d MB, %d CPUs, Java %s%n",
                files, directories, Files.size(manifestFile) >> 20, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        for (int round = 1; round <= 2; round++) {
            System.gc();
            long start = System.nanoTime();
            FileIndex index = new FileIndex(Manifest.read(manifestFile).files().values());
            long indexMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
            System.out.printf(Locale.ROOT, "round %d%s: manifest read and indexed in %,d ms; heap in use after %,d MB%n", round,
                    round == 1 ? " (warm-up)" : "", indexMillis, heapMb);
            Random random = new Random(round);
            report("list a directory, first page of 100", requests, () ->
                    index.list(String.format("dir-%05d", random.nextInt(directories)), 0, 100));
            report("list the 100,000-file directory, a random page of 500", requests, () ->
                    index.list("flat", 500L * random.nextInt(200), 500));
            report("list the root, first page of 100", requests, () -> index.list("", 0, 100));
            report("search a name under a directory of 1,000", requests, () ->
                    index.search(String.format("dir-%05d", random.nextInt(directories)), "file-0" + random.nextInt(10), 0, 100));
            report("search a name across the whole point", Math.max(10, requests / 20), () ->
                    index.search("", String.format("file-%04d", random.nextInt(1000)), 0, 100));
            report("one file by path", requests, () ->
                    index.file(String.format("dir-%05d/sub/file-%04d.dat", random.nextInt(directories), random.nextInt(1000))));
            Random peerRandom = new Random(round);
            report("peer: grep the manifest for one directory's files", Math.max(5, requests / 200), () -> {
                String directory = String.format("dir-%05d/sub/", peerRandom.nextInt(directories));
                Process grep = new ProcessBuilder("grep", "-c", "-F", "\t" + directory, manifestFile.toString())
                        .redirectErrorStream(true).start();
                try {
                    grep.getInputStream().readAllBytes();
                    return grep.waitFor();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** {@code files} files: 1,000 in each of {@code directories} directories (dir-NNNNN/sub/), plus 100,000 in "flat". */
    private static Manifest generate(int files, int directories) {
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        Random random = new Random(42);
        String hash = "ab".repeat(32);
        for (int d = 0; d < directories; d++) {
            for (int f = 0; f < 1000 && entries.size() < files; f++) {
                String path = String.format("dir-%05d/sub/file-%04d.dat", d, f);
                entries.put(path, new ManifestEntry(path, random.nextInt(1 << 20), 1_760_000_000_000L + random.nextInt(1 << 30), 0644,
                        hash, 1));
            }
        }
        for (int f = 0; f < 100_000; f++) {
            String path = String.format("flat/item-%06d", f);
            entries.put(path, new ManifestEntry(path, f, 1_760_000_000_000L, 0644, hash, 1));
        }
        return new Manifest(entries, List.of());
    }

    private interface Request {
        Object run() throws Exception;
    }

    private static void report(String what, int count, Request request) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            request.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  %-55s n=%5d  p50 %8.3f ms  p95 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n", what, count,
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.95)] / 1e6, nanos[Math.min(count - 1, (int) (count * 0.99))] / 1e6,
                nanos[count - 1] / 1e6);
    }
}
