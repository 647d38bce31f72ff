package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment file written on its own thread: every byte in order, flush means written, a failed write is not lost. */
class WriteBehindFileTest {
    @TempDir
    Path dir;

    @Test
    void everyByteArrivesInOrderAndFlushWaitsUntilItIsInTheFile() throws IOException {
        byte[] data = new byte[9 * 1024 * 1024 + 333]; // more than its buffers hold at once
        new Random(3).nextBytes(data);
        Path file = dir.resolve("segment");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (WriteBehindFile out = new WriteBehindFile(file)) {
            int at = 0;
            int[] pieces = {1, 7, 511, 300_000, 2 * 1024 * 1024, 13};
            for (int i = 0; at < data.length; i++) {
                int n = Math.min(pieces[i % pieces.length], data.length - at);
                out.write(data, at, n);
                expected.write(data, at, n);
                at += n;
                if (i == 20) {
                    out.flush();
                    assertThat(Files.size(file)).as("flushed").isEqualTo(at);
                }
            }
            out.write(42);
            expected.write(42);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void anEmptyFileFlushesAndClosesWithoutWaitingForever() throws IOException {
        Path file = dir.resolve("empty");
        WriteBehindFile out = new WriteBehindFile(file);
        out.flush();
        out.flush();
        out.close();
        out.close();
        assertThat(Files.size(file)).isZero();
        assertThatThrownBy(() -> out.write(1)).hasMessageContaining("closed");
    }

    @Test
    void aWriteThatFailsOnTheFilesThreadFailsTheWriterInsteadOfLeavingItWaiting() throws IOException {
        Path full = Path.of("/dev/full"); // every write there fails: no space left on device
        Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        WriteBehindFile out = new WriteBehindFile(full);
        assertThatThrownBy(() -> {
            byte[] piece = new byte[64 * 1024];
            for (int i = 0; i < 1000; i++) { // 64 MiB, far more than its buffers: the writes reach the device and fail
                out.write(piece, 0, piece.length);
            }
            out.flush();
        }).isInstanceOf(IOException.class).hasMessageContaining("could not be written");
        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessageContaining("could not be written");
    }
}
