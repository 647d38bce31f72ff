package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's own thread hashes what the writer hands it and writes the manifest lines in hand-over order. */
class HashingJournalTest {
    @TempDir
    Path dir;

    @Test
    void linesComeInTheOrderTheyWereHandedOverEachWithTheHashOfItsOwnBytes() throws Exception {
        Path journal = dir.resolve("point.journal");
        byte[] large = new byte[5 * 1000 + 17]; // more than the buffers hold: handed over in six pieces
        new Random(7).nextBytes(large);
        byte[] small = "a small file\n".getBytes(StandardCharsets.UTF_8);
        try (HashingJournal out = new HashingJournal(journal, 1000)) {
            store(out, "large.bin", large, false);
            out.unchanged(new ManifestEntry("kept/one.txt", 3, 1000, 0644, "ab".repeat(32), 1));
            out.unchanged(new ManifestEntry("kept/two.txt", 4, 2000, 0600, "cd".repeat(32), 1));
            store(out, "small.txt", small, true);
            store(out, "empty", new byte[0], false);
            out.drain();

            Map<String, ManifestEntry> files = new LinkedHashMap<>();
            List<String> changed = new ArrayList<>();
            Manifest.readLines(journal, files, changed);
            assertThat(files.keySet()).containsExactly("large.bin", "kept/one.txt", "kept/two.txt", "small.txt", "empty");
            assertThat(files.get("large.bin").sha256()).isEqualTo(sha256(large));
            assertThat(files.get("small.txt").sha256()).isEqualTo(sha256(small));
            assertThat(files.get("empty").sha256()).isEqualTo(sha256(new byte[0]));
            assertThat(files.get("kept/two.txt").storedIn()).as("unchanged lines pass through as they were").isEqualTo(1);
            assertThat(files.get("small.txt").storedIn()).isEqualTo(2);
            assertThat(changed).containsExactly("small.txt");
        }
    }

    @Test
    void aJournalThatCannotBeWrittenFailsTheWriterInsteadOfLeavingItWaiting() throws Exception {
        Path full = Path.of("/dev/full"); // every write there fails: no space left on device
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        try (HashingJournal out = new HashingJournal(full, 64)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) { // far more than its buffer: the writes reach the device and fail
                    store(out, "file-" + i, new byte[] {(byte) i}, false);
                }
                out.drain();
            }).isInstanceOf(IOException.class).hasMessageStartingWith("the point's journal could not be written");
            assertThatThrownBy(out::buffer).as("the failure stays").isInstanceOf(IOException.class);
        }
    }

    @Test
    void itsThreadAddsTheCpuItUsedToTheAccountOfTheThreadThatOpenedIt() throws Exception {
        LongAdder account = WorkerCpu.open();
        HashingJournal out;
        try {
            out = new HashingJournal(dir.resolve("cpu.journal"), 64 * 1024);
        } finally {
            WorkerCpu.close();
        }
        byte[] bytes = new byte[64 * 1024];
        try (out) {
            for (int i = 0; i < 2_000; i++) { // 128 MB of SHA-256: tens of milliseconds of CPU at the least
                store(out, "file-" + i, bytes, false);
            }
            out.drain();
        }
        assertThat(account.sum()).as("nanoseconds of the journal thread's CPU").isGreaterThan(10_000_000L);
    }

    /** What {@link PointWriter#store} does with a file's bytes: hands them over a buffer at a time, then the file. */
    private static void store(HashingJournal out, String path, byte[] content, boolean changed) throws IOException {
        MessageDigest digest = TarZstd.sha256();
        int done = 0;
        while (done < content.length) {
            byte[] buffer = out.buffer();
            int n = Math.min(buffer.length, content.length - done);
            System.arraycopy(content, done, buffer, 0, n);
            out.hash(digest, buffer, n);
            done += n;
        }
        out.stored(digest, path, content.length, 1_000, 0644, 2, changed);
    }

    private static String sha256(byte[] bytes) {
        return TarZstd.hex(TarZstd.sha256().digest(bytes));
    }
}
