package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
                files.put(ProducedFiles.relative(root, file), java.util.HexFormat.of().formatHex(Files.readAllBytes(file))
                        + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        return files;
    }

    @Test
    void aFullAndAnIncrementalBackupRestoreExactlyTheTreesTheySaw() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        assertThat(full.filesStored()).isEqualTo(42);
        assertThat(full.changedWhileRead()).isEmpty();
        assertThat(full.manifest().get("script.sh").mode()).as("the permissions the walk read").isEqualTo(0750);
        assertThat(ArchiveVerifier.verify(List.of(archive(1)), full.manifest(), 1, ArchiveControl.NONE)).isEmpty();
        Map<String, String> atFull = snapshot(source);

        // change one file, add one, delete one, touch nothing else
        Files.writeString(source.resolve("d1/f1.bin"), "changed");
        Files.setLastModifiedTime(source.resolve("d1/f1.bin"), FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(source.resolve("d2/new.txt"), "new file");
        Files.delete(source.resolve("d3/f3.bin"));
        PointWriter.Sealed incremental = DirectoryArchiver.archive(FileSelection.of(source), full.manifest(), 2, archive(2), ArchiveControl.NONE,
                (f, b) -> { });
        assertThat(incremental.filesStored()).as("only what changed").isEqualTo(2);
        assertThat(incremental.manifest().deleted()).containsExactly("d3/f3.bin");
        assertThat(incremental.manifest().files()).hasSize(42);
        assertThat(incremental.manifest().get("d0/f0 with space\tand tab.bin").storedIn()).isEqualTo(1);
        assertThat(incremental.manifest().get("d1/f1.bin").storedIn()).isEqualTo(2);
        assertThat(ArchiveVerifier.verify(List.of(archive(2)), incremental.manifest(), 2, ArchiveControl.NONE)).isEmpty();

        Path manifestFile = repository.resolve("point-2.manifest");
        incremental.manifest().write(manifestFile);
        Manifest reread = Manifest.read(manifestFile);
        assertThat(reread.files()).isEqualTo(incremental.manifest().files());
        assertThat(reread.deleted()).isEqualTo(incremental.manifest().deleted());

        Path restoredFull = dir.resolve("restored-full");
        Restorer.restore(full.manifest(), Map.of(1L, List.of(archive(1))), restoredFull, RestoreSelection.ALL, ArchiveControl.NONE);
        assertThat(snapshot(restoredFull)).isEqualTo(atFull);
        Path restoredIncremental = dir.resolve("restored-incremental");
        Restorer.Result result = Restorer.restore(reread, Map.of(1L, List.of(archive(1)), 2L, List.of(archive(2))), restoredIncremental, RestoreSelection.ALL,
                ArchiveControl.NONE);
        assertThat(result.files()).isEqualTo(42);
        assertThat(snapshot(restoredIncremental)).isEqualTo(snapshot(source));

        Path onlyD2 = dir.resolve("only-d2");
        Restorer.restore(reread, Map.of(1L, List.of(archive(1)), 2L, List.of(archive(2))), onlyD2, RestoreSelection.of(List.of("d2")), ArchiveControl.NONE);
        assertThat(snapshot(onlyD2).keySet()).allMatch(path -> path.startsWith("d2/")).contains("d2/new.txt");
    }

    @Test
    void aCorruptedArchiveFailsVerification() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        byte[] bytes = Files.readAllBytes(archive(1));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(archive(1), bytes);
        assertThat(ArchiveVerifier.verify(List.of(archive(1)), full.manifest(), 1, ArchiveControl.NONE)).isNotEmpty();
    }

    @Test
    void entriesThatWouldLandOutsideTheDestinationAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path evil = repository.resolve("evil.tar.zst");
        // written with commons-compress itself: our writer keeps names as given, a hostile archive need not
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(evil)))) {
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
        assertThatThrownBy(() -> Restorer.restore(manifest, Map.of(9L, List.of(evil)), destination, RestoreSelection.ALL, ArchiveControl.NONE))
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
        PointWriter.Sealed result = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE, (f, b) -> { });
        assertThat(result.manifest().get("big.bin").size()).isEqualTo(64L << 20);
        assertThat(ArchiveVerifier.verify(List.of(archive(1)), result.manifest(), 1, ArchiveControl.NONE)).isEmpty();
    }

    @Test
    void aPointWrittenInManySegmentsVerifiesAndRestores() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE,
                (f, b) -> { }, new CheckpointPolicy(5, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(full.segments()).isEqualTo(9); // 42 files, a segment per 5
        List<Path> segments = PointWriter.segments(archive(1), full.segments());
        assertThat(segments.get(1).getFileName().toString()).isEqualTo("point-1.1.tar.zst");
        assertThat(segments).allMatch(Files::isRegularFile);
        assertThat(PointWriter.countSegments(archive(1))).isEqualTo(9);
        assertThat(ArchiveVerifier.verify(segments, full.manifest(), 1, ArchiveControl.NONE)).isEmpty();
        assertThat(ArchiveVerifier.verify(segments.subList(0, 8), full.manifest(), 1, ArchiveControl.NONE))
                .anyMatch(problem -> problem.endsWith("in the manifest but not in the archive"));
        Path restored = dir.resolve("restored-segments");
        Restorer.restore(full.manifest(), Map.of(1L, segments), restored, RestoreSelection.ALL, ArchiveControl.NONE);
        assertThat(snapshot(restored)).isEqualTo(snapshot(source));
    }

    @Test
    void segmentsVerifiedInParallelReportWhatOneAtATimeReportsInSegmentOrder() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE,
                (f, b) -> { }, new CheckpointPolicy(5, Long.MAX_VALUE, Long.MAX_VALUE));
        List<Path> segments = PointWriter.segments(archive(1), full.segments());
        assertThat(ArchiveVerifier.verify(segments, full.manifest(), 1, PointSealing.NONE, ArchiveControl.NONE, 4)).isEmpty();

        for (int damaged : new int[] {2, 6}) { // the middle of two segments
            byte[] bytes = Files.readAllBytes(segments.get(damaged));
            for (int i = bytes.length / 2; i < bytes.length / 2 + 32; i++) {
                bytes[i] ^= 0x5a;
            }
            Files.write(segments.get(damaged), bytes);
        }
        List<String> oneAtATime = ArchiveVerifier.verify(segments, full.manifest(), 1, PointSealing.NONE, ArchiveControl.NONE, 1);
        List<String> parallel = ArchiveVerifier.verify(segments, full.manifest(), 1, PointSealing.NONE, ArchiveControl.NONE, 4);

        assertThat(oneAtATime).as("a problem for each damaged segment").hasSizeGreaterThanOrEqualTo(2);
        assertThat(parallel).as("the same problems, in segment order").isEqualTo(oneAtATime);
    }

    @Test
    void aRunStoppedWhileSegmentsAreVerifiedInParallelStopsTheVerify() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE,
                (f, b) -> { }, new CheckpointPolicy(5, Long.MAX_VALUE, Long.MAX_VALUE));
        List<Path> segments = PointWriter.segments(archive(1), full.segments());
        ArchiveControl stopsAfterTen = new StoppingControl(10);

        assertThatThrownBy(() -> ArchiveVerifier.verify(segments, full.manifest(), 1, PointSealing.NONE, stopsAfterTen, 4))
                .isInstanceOf(IllegalStateException.class).hasMessage("cancelled");
    }

    @Test
    void aWriteStoppedAfterACheckpointResumesFromItAndEndsAsIfItNeverStopped() throws IOException {
        FileSelection selection = FileSelection.of(source);
        FileSelection.Cursor cursor = selection.cursor(ArchiveControl.NONE, null);
        PointWriter.Checkpoint checkpoint;
        String reached;
        try (PointWriter writer = PointWriter.start(archive(1), 1)) {
            for (int i = 0; i < 10; i++) {
                FileSelection.Candidate c = cursor.next();
                writer.store(c.file(), c.path(), c.attributes(), ArchiveControl.NONE);
            }
            checkpoint = writer.checkpoint();
            reached = null;
            FileSelection.Candidate lastCheckpointed = null;
            // what the reader's checkpoint would say: the last file before the checkpoint
            FileSelection.Cursor again = selection.cursor(ArchiveControl.NONE, null);
            for (int i = 0; i < 10; i++) {
                lastCheckpointed = again.next();
            }
            reached = lastCheckpointed.path();
            for (int i = 0; i < 7; i++) { // written after the checkpoint, then the node stops: all of it is redone
                FileSelection.Candidate c = cursor.next();
                writer.store(c.file(), c.path(), c.attributes(), ArchiveControl.NONE);
            }
        }
        assertThat(checkpoint.segments()).isEqualTo(1);
        assertThat(repository.resolve("point-1.1.tar.zst.part")).as("the half-written segment is dropped").doesNotExist();

        long files = 10;
        try (PointWriter writer = PointWriter.resume(archive(1), 1, checkpoint)) {
            FileSelection.Cursor rest = selection.cursor(ArchiveControl.NONE, reached);
            for (FileSelection.Candidate c = rest.next(); c != null; c = rest.next()) {
                writer.store(c.file(), c.path(), c.attributes(), ArchiveControl.NONE);
                files++;
            }
            writer.checkpoint();
            PointWriter.Sealed sealed = PointWriter.seal(archive(1), 1, writer.segmentCount(), Manifest.empty(),
                    repository.resolve("point-1.manifest"));
            assertThat(files).isEqualTo(42);
            assertThat(sealed.filesTotal()).isEqualTo(42);
            assertThat(sealed.segments()).isEqualTo(2);
            assertThat(PointWriter.journalOf(archive(1))).doesNotExist();
            assertThat(ArchiveVerifier.verify(PointWriter.segments(archive(1), 2), sealed.manifest(), 1, ArchiveControl.NONE)).isEmpty();
            Path restored = dir.resolve("restored-resumed");
            Restorer.restore(Manifest.read(repository.resolve("point-1.manifest")), Map.of(1L, PointWriter.segments(archive(1), 2)),
                    restored, RestoreSelection.ALL, ArchiveControl.NONE);
            assertThat(snapshot(restored)).isEqualTo(snapshot(source));
        }
    }

    @Test
    void aPointWhoseFinishedSegmentsWentElsewhereResumesWithoutThemAndSealsCountingTheirBytes() throws IOException {
        FileSelection selection = FileSelection.of(source);
        FileSelection.Cursor cursor = selection.cursor(ArchiveControl.NONE, null);
        Path shipped = Files.createDirectories(dir.resolve("bucket"));
        PointWriter.Checkpoint checkpoint;
        String reached = null;
        try (PointWriter writer = PointWriter.start(archive(3), 3)) {
            for (int i = 0; i < 10; i++) {
                FileSelection.Candidate c = cursor.next();
                writer.store(c.file(), c.path(), c.attributes(), ArchiveControl.NONE);
                reached = c.path();
            }
            checkpoint = writer.checkpoint();
        }
        // the finished segment goes to the bucket and leaves the directory, as a point written to a bucket does
        long shippedBytes = Files.size(archive(3));
        Files.move(archive(3), shipped.resolve(archive(3).getFileName()));
        assertThatThrownBy(() -> PointWriter.resume(archive(3), 3, checkpoint)).hasMessageContaining("is gone");

        try (PointWriter writer = PointWriter.resume(archive(3), 3, checkpoint, PointSealing.NONE, true)) {
            FileSelection.Cursor rest = selection.cursor(ArchiveControl.NONE, reached);
            for (FileSelection.Candidate c = rest.next(); c != null; c = rest.next()) {
                writer.store(c.file(), c.path(), c.attributes(), ArchiveControl.NONE);
            }
            writer.checkpoint();
            PointWriter.Sealed sealed = PointWriter.seal(archive(3), 3, writer.segmentCount(), Manifest.empty(),
                    repository.resolve("point-3.manifest"), PointSealing.NONE, shippedBytes);
            assertThat(sealed.segments()).isEqualTo(2);
            assertThat(sealed.filesTotal()).isEqualTo(42);
            assertThat(sealed.archiveBytes()).isEqualTo(shippedBytes + Files.size(PointWriter.segment(archive(3), 1)));
        }
        Files.move(shipped.resolve(archive(3).getFileName()), archive(3)); // staged back, as verify and restore do
        Path restored = dir.resolve("restored-shipped");
        Restorer.restore(Manifest.read(repository.resolve("point-3.manifest")), Map.of(3L, PointWriter.segments(archive(3), 2)),
                restored, RestoreSelection.ALL, ArchiveControl.NONE);
        assertThat(snapshot(restored)).isEqualTo(snapshot(source));
    }

    @Test
    void anUnchangedIncrementalStillHasAnArchive() throws IOException {
        PointWriter.Sealed full = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive(1), ArchiveControl.NONE,
                (f, b) -> { });
        PointWriter.Sealed none = DirectoryArchiver.archive(FileSelection.of(source), full.manifest(), 2, archive(2), ArchiveControl.NONE,
                (f, b) -> { });
        assertThat(none.filesStored()).isZero();
        assertThat(none.segments()).isEqualTo(1);
        assertThat(ArchiveVerifier.verify(List.of(archive(2)), none.manifest(), 2, ArchiveControl.NONE)).isEmpty();
    }
}
