package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our tar framing read back by commons-compress (as restore and verify read it) and by GNU tar (as people would). */
class TarWriterTest {
    private static final long BEFORE_1970 = -86_400_000L * 365; // 1969: a ustar header cannot hold it

    @TempDir
    Path dir;

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    TarWriterTest() {
        Random random = new Random(11);
        files.put("a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
        files.put("empty", new byte[0]);
        files.put("dir/" + "n".repeat(95), bytes(random, 1000)); // 99 characters: the header holds it
        files.put("dir/" + "m".repeat(96), bytes(random, 512)); // 100: a PAX path
        files.put("deep/" + "segment/".repeat(30) + "file.bin", bytes(random, 300_001));
        files.put("données/été.txt", "accents\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commonsCompressReadsBackEveryNameSizeTimeModeAndByte() throws IOException {
        byte[] archive = write(new ByteArrayOutputStream()).toByteArray();

        assertThat(archive.length % 10240).as("padded to whole blocks, as GNU tar pads").isZero();
        Map<String, byte[]> read = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                assertThat(entry.isFile()).as(entry.getName()).isTrue();
                assertThat(entry.getMode() & 0777).as(entry.getName()).isEqualTo(entry.getName().equals("a.txt") ? 0600 : 0644);
                assertThat(entry.getModTime().getTime()).as(entry.getName())
                        .isEqualTo(entry.getName().equals("empty") ? BEFORE_1970 : 1_700_000_000_000L);
                read.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(read.keySet()).containsExactlyElementsOf(files.keySet());
        files.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void gnuTarExtractsTheSameFiles() throws Exception {
        Path archive = dir.resolve("files.tar");
        try (var out = Files.newOutputStream(archive)) {
            write(out);
        }
        Path into = Files.createDirectory(dir.resolve("extracted"));
        Process tar;
        try {
            tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", into.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("needs GNU tar: " + e.getMessage());
            return;
        }
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(output).isZero();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(Files.readAllBytes(into.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(Files.getLastModifiedTime(into.resolve("a.txt")).toMillis()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void aFileOfTenGibibytesHasItsSizeInAPaxHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(out);
        long tenGibibytes = 10L << 30; // more than the 11 octal digits of a ustar header hold
        tar.startFile("big.img", tenGibibytes, 1_700_000_000_000L, 0644);

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("big.img");
            assertThat(entry.getSize()).isEqualTo(tenGibibytes);
        }
    }

    @Test
    void aFileGetsExactlyTheBytesItsHeaderPromised() throws IOException {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        tar.startFile("five.txt", 5, 0, 0644);
        assertThatThrownBy(() -> tar.write(new byte[6], 0, 6)).isInstanceOf(IOException.class)
                .hasMessageContaining("five.txt").hasMessageContaining("more than the 5 bytes");
        tar.write(new byte[3], 0, 3);
        assertThatThrownBy(tar::endFile).isInstanceOf(IOException.class).hasMessageContaining("five.txt: ended 2 bytes short");
        assertThatThrownBy(() -> tar.startFile("next", 1, 0, 0644)).hasMessageContaining("five.txt");
        assertThatThrownBy(tar::finish).hasMessageContaining("in the middle of this file");
        tar.write(new byte[2], 0, 2);
        tar.endFile();
        assertThatThrownBy(() -> tar.write(new byte[1], 0, 1)).hasMessageContaining("outside a file");
    }

    @Test
    void aPaxRecordCountsItsOwnLengthAcrossAChangeInDigits() {
        for (int valueLength = 80; valueLength < 1100; valueLength++) {
            byte[] record = TarWriter.paxRecord("path", "v".repeat(valueLength));
            String text = new String(record, StandardCharsets.UTF_8);
            assertThat(Integer.parseInt(text.substring(0, text.indexOf(' ')))).as(text).isEqualTo(record.length);
        }
    }

    private <T extends java.io.OutputStream> T write(T out) throws IOException {
        try (TarWriter tar = new TarWriter(new NotClosing(out))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                byte[] bytes = file.getValue();
                long modified = file.getKey().equals("empty") ? BEFORE_1970 : 1_700_000_000_000L;
                tar.startFile(file.getKey(), bytes.length, modified, file.getKey().equals("a.txt") ? 0600 : 0644);
                for (int at = 0; at < bytes.length; at += 4096) { // in pieces, as a file is read
                    tar.write(bytes, at, Math.min(4096, bytes.length - at));
                }
                tar.endFile();
            }
        }
        return out;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The test reads the stream after the writer closed it. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
