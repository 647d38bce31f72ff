package io.backupscheduler.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated tree backed up full, changed, backed up incrementally, and both points restored byte for byte. */
class DirectoryArchiverTest {
    @TempDir
    Path dir;

    private Path source;
    private Path repository;

    @BeforeEach
    void tree() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        repository = Files.createDirectories(dir.resolve("repository"));
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            Path file = source.resolve("d" + (i % 4)).resolve("f" + i + (i % 7 == 0 ? " with space\tand tab" : "") + ".bin");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[i == 3 ? 3_000_000 : random.nextInt(20_000)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        Files.writeString(source.resolve("empty.txt"), "");
        Files.writeString(source.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(source.resolve("script.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    }

    private Path archive(long point) {
        return repository.resolve("point-" + point + ".tar.zst");
    }

    /** Every regular file under the root: relative path to content. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(relative(root, file), java.util.HexFormat.of().formatHex(Files.readAllBytes(file))
                        + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        return files;
    }

    @Test
    void aFullAndAnIncrementalBackupRestoreExactlyTheTreesTheySaw() throws IOException {
        DirectoryArchiver.Result full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        assertThat(full.filesStored()).isEqualTo(42);
        assertThat(full.changedWhileRead()).isEmpty();
        assertThat(ArchiveVerifier.verify(archive(1), full.manifest(), 1, ArchiveControl.NONE)).isEmpty();
        Map<String, String> atFull = snapshot(source);

        // change one file, add one, delete one, touch nothing else
        Files.writeString(source.resolve("d1/f1.bin"), "changed");
        Files.setLastModifiedTime(source.resolve("d1/f1.bin"), FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(source.resolve("d2/new.txt"), "new file");
        Files.delete(source.resolve("d3/f3.bin"));
        DirectoryArchiver.Result incremental = DirectoryArchiver.archive(FileSelection.of(source), full.manifest(), 2, archive(2), ArchiveControl.NONE,
                (f, b) -> { });
        assertThat(incremental.filesStored()).as("only what changed").isEqualTo(2);
        assertThat(incremental.manifest().deleted()).containsExactly("d3/f3.bin");
        assertThat(incremental.manifest().files()).hasSize(42);
        assertThat(incremental.manifest().get("d0/f0 with space\tand tab.bin").storedIn()).isEqualTo(1);
        assertThat(incremental.manifest().get("d1/f1.bin").storedIn()).isEqualTo(2);
        assertThat(ArchiveVerifier.verify(archive(2), incremental.manifest(), 2, ArchiveControl.NONE)).isEmpty();

        Path manifestFile = repository.resolve("point-2.manifest");
        incremental.manifest().write(manifestFile);
        Manifest reread = Manifest.read(manifestFile);
        assertThat(reread.files()).isEqualTo(incremental.manifest().files());
        assertThat(reread.deleted()).isEqualTo(incremental.manifest().deleted());

        Path restoredFull = dir.resolve("restored-full");
        Restorer.restore(full.manifest(), Map.of(1L, archive(1)), restoredFull, null, ArchiveControl.NONE);
        assertThat(snapshot(restoredFull)).isEqualTo(atFull);
        Path restoredIncremental = dir.resolve("restored-incremental");
        Restorer.Result result = Restorer.restore(reread, Map.of(1L, archive(1), 2L, archive(2)), restoredIncremental, null,
                ArchiveControl.NONE);
        assertThat(result.files()).isEqualTo(42);
        assertThat(snapshot(restoredIncremental)).isEqualTo(snapshot(source));

        Path onlyD2 = dir.resolve("only-d2");
        Restorer.restore(reread, Map.of(1L, archive(1), 2L, archive(2)), onlyD2, "d2", ArchiveControl.NONE);
        assertThat(snapshot(onlyD2).keySet()).allMatch(path -> path.startsWith("d2/")).contains("d2/new.txt");
    }

    @Test
    void aCorruptedArchiveFailsVerification() throws IOException {
        DirectoryArchiver.Result full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        byte[] bytes = Files.readAllBytes(archive(1));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(archive(1), bytes);
        assertThat(ArchiveVerifier.verify(archive(1), full.manifest(), 1, ArchiveControl.NONE)).isNotEmpty();
    }

    @Test
    void entriesThatWouldLandOutsideTheDestinationAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path evil = repository.resolve("evil.tar.zst");
        try (TarArchiveOutputStream tar = TarZstd.writer(evil)) {
            byte[] content = "owned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../../outside.txt", true);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        String sha = TarZstd.hex(TarZstd.sha256().digest("owned".getBytes(StandardCharsets.UTF_8)));
        Manifest manifest = new Manifest(Map.of("../../outside.txt", new ManifestEntry("../../outside.txt", 5, 0, 0644, sha, 9)),
                java.util.List.of());
        Path destination = dir.resolve("restore-here");
        assertThatThrownBy(() -> Restorer.restore(manifest, Map.of(9L, evil), destination, null, ArchiveControl.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("refused archive entry '../../outside.txt'");
        assertThat(dir.resolve("outside.txt")).doesNotExist();
        assertThat(repository.getParent().getParent().resolve("outside.txt")).doesNotExist();
        assertThatThrownBy(() -> Restorer.target(destination, "/etc/passwd")).hasMessageContaining("not a relative path");
        assertThatThrownBy(() -> Restorer.target(destination, "a/../../b")).hasMessageContaining("'..'");
    }

    @Test
    void aStopAtACheckpointLeavesNoArchiveBehind() {
        ArchiveControl stopAtOnce = new ArchiveControl() {
            @Override
            public void checkpoint() {
                throw new IllegalStateException("stop");
            }

            @Override
            public void beforeBytes(long bytes) {
            }
        };
        assertThatThrownBy(() -> DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), stopAtOnce, (f, b) -> { }))
                .hasMessage("stop");
        assertThat(archive(1)).doesNotExist();
        assertThat(repository.resolve("point-1.tar.zst.part")).doesNotExist();
    }

    @Test
    void aFileFarLargerThanTheBuffersStreamsThroughAndVerifies() throws IOException {
        Path big = source.resolve("big.bin");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] block = new byte[1 << 20];
            new Random(7).nextBytes(block);
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }
        DirectoryArchiver.Result result = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        assertThat(result.manifest().get("big.bin").size()).isEqualTo(64L << 20);
        assertThat(ArchiveVerifier.verify(archive(1), result.manifest(), 1, ArchiveControl.NONE)).isEmpty();
    }

    static String relative(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(part);
        }
        return path.toString();
    }
}
