package io.backupscheduler.load;

import io.backupscheduler.lib.archive.ArchiveControl;
import io.backupscheduler.lib.archive.ArchiveVerifier;
import io.backupscheduler.lib.archive.CheckpointPolicy;
import io.backupscheduler.lib.archive.DirectoryArchiver;
import io.backupscheduler.lib.archive.FileSelection;
import io.backupscheduler.lib.archive.Manifest;
import io.backupscheduler.lib.archive.PointKey;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.lib.archive.PointWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What encryption costs a full directory backup: the same data set archived (and then verified) plain and encrypted
 * with a point key (Tink streaming AEAD, AES-256-GCM-HKDF, 1 MiB segments), side by side in one run, alternating
 * which goes first. Arguments: megabytes (default 2048), work directory (default /tmp/backup-bench), rounds (default
 * 5). See docs/benchmarks.md.
 */
public final class EncryptedBackupBenchmark {
    private EncryptedBackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/backup-bench");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path source = work.resolve("source");
        if (!Files.isDirectory(source)) {
            DirectoryBackupBenchmark.generate(source, megabytes);
        }
        long[] size = FileSelection.of(source).count(ArchiveControl.NONE);
        System.out.printf(Locale.ROOT, "data set: %,d files, %,d MB in %s; %d CPUs%n", size[0], size[1] >> 20, source,
                Runtime.getRuntime().availableProcessors());
        // the page cache and the JIT (for both paths, the cipher's included), unmeasured
        archive(source, work.resolve("warm-up"), PointSealing.NONE);
        archive(source, work.resolve("warm-up"), PointKey.generate());
        double[] ratios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            long[] plain = null;
            long[] encrypted = null;
            for (int side = 0; side < 2; side++) {
                boolean plainNow = (side == 0) == (round % 2 == 1);
                if (plainNow) {
                    plain = archive(source, work.resolve("plain"), PointSealing.NONE);
                } else {
                    encrypted = archive(source, work.resolve("encrypted"), PointKey.generate());
                }
            }
            ratios[round - 1] = (double) encrypted[0] / plain[0];
            System.out.printf(Locale.ROOT, "round %d (%s first): plain %,d ms (+verify %,d ms, %,d MB) | encrypted %,d ms (+verify %,d ms,"
                            + " %,d MB): %.3fx%n", round, round % 2 == 1 ? "plain" : "encrypted", plain[0], plain[1], plain[2] >> 20,
                    encrypted[0], encrypted[1], encrypted[2] >> 20, ratios[round - 1]);
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "median: encrypted/plain %.3fx%n", ratios[rounds / 2]);
    }

    /** A full point of the source in a fresh directory: archive milliseconds, verify milliseconds, archive bytes. */
    private static long[] archive(Path source, Path directory, PointSealing sealing) throws Exception {
        DirectoryBackupBenchmark.fresh(directory);
        new ProcessBuilder("sync").start().waitFor();
        Path archive = directory.resolve("point-1-full.tar.zst");
        long start = System.nanoTime();
        PointWriter.Sealed sealed = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive, ArchiveControl.NONE,
                (f, b) -> { }, CheckpointPolicy.DEFAULT, sealing);
        long archived = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        if (!ArchiveVerifier.verify(PointWriter.segments(archive, sealed.segments()), sealed.manifest(), 1, sealing, ArchiveControl.NONE)
                .isEmpty()) {
            throw new IllegalStateException("verification failed");
        }
        long verified = (System.nanoTime() - start) / 1_000_000;
        return new long[] {archived, verified, sealed.archiveBytes()};
    }
}
