package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores of a point written in several segments: parallel, selected paths, existing files, damage and cancel. */
class RestorerTest {
    @TempDir
    Path dir;

    private Path source;
    private Manifest manifest;
    private Map<Long, List<Path>> archives;

    @BeforeEach
    void point() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            Path file = source.resolve("d" + (i % 3)).resolve("f" + i + ".bin");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[1_000 + random.nextInt(30_000)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        Files.writeString(source.resolve("etc.conf"), "listen 80;\n");
        Path archive = Files.createDirectories(dir.resolve("repository")).resolve("point-1.tar.zst");
        PointWriter.Sealed sealed = DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive, ArchiveControl.NONE,
                (f, b) -> { }, new CheckpointPolicy(10, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(sealed.segments()).isGreaterThan(4);
        manifest = sealed.manifest();
        archives = Map.of(1L, PointWriter.segments(archive, sealed.segments()));
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(ProducedFiles.relative(root, file), java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    @Test
    void segmentsAreRestoredInParallelAndEveryFileIsToldOnce() throws IOException {
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        Path restored = dir.resolve("restored");
        Restorer.Result result = Restorer.restore(manifest, archives, restored, RestoreSelection.ALL, null, ArchiveControl.NONE,
                (path, bytes, outcome) -> told.add(path), 4);

        assertThat(contents(restored)).isEqualTo(contents(source));
        assertThat(result.files()).isEqualTo(61);
        assertThat(result.bytes()).isEqualTo(Manifest.bytes(manifest.files().values()));
        assertThat(told).hasSize(61).doesNotHaveDuplicates();
    }

    @Test
    void manyPathsAtOnceTakeFilesAndFolders() throws IOException {
        RestoreSelection selection = RestoreSelection.of(List.of("etc.conf", "d1/", "d2/f2.bin", "d2/f2.bin"));
        assertThat(selection.paths()).containsExactly("etc.conf", "d1", "d2/f2.bin");
        assertThat(selection.totals(manifest)[0]).isEqualTo(22);
        assertThat(RestoreSelection.of(List.of("d1", "nothing/here")).unmatched(manifest)).containsExactly("nothing/here");

        Path restored = dir.resolve("some");
        Restorer.restore(manifest, archives, restored, selection, null, ArchiveControl.NONE, RestoreListener.NONE, 2);

        assertThat(contents(restored).keySet()).hasSize(22).contains("etc.conf", "d2/f2.bin").allMatch(
                path -> path.equals("etc.conf") || path.equals("d2/f2.bin") || path.startsWith("d1/"));
    }

    @Test
    void aFolderSelectsWhatLiesBelowItNotItsNamesakes() {
        RestoreSelection d1 = RestoreSelection.of(List.of("d1"));
        assertThat(d1.selects("d1/f.bin")).isTrue();
        assertThat(d1.selects("d10/f.bin")).isFalse();
        assertThat(d1.selects("d1")).isTrue();
        assertThat(RestoreSelection.ALL.selects("anything/at/all")).isTrue();
    }

    @Test
    void existingFilesAreSkippedOverwrittenOrKeptBesideAsAsked() throws IOException {
        Path inPlace = dir.resolve("in-place");
        Files.createDirectories(inPlace);
        Files.writeString(inPlace.resolve("etc.conf"), "edited by hand\n");
        RestoreSelection conf = RestoreSelection.of(List.of("etc.conf"));

        assertThatThrownBy(() -> Restorer.restore(manifest, archives, inPlace, conf, null, ArchiveControl.NONE, RestoreListener.NONE, 1))
                .isInstanceOf(Restorer.Failed.class).hasMessageContaining("etc.conf already exists");

        Restorer.Result skipped = Restorer.restore(manifest, archives, inPlace, conf, ExistingFiles.SKIP, ArchiveControl.NONE,
                RestoreListener.NONE, 1);
        assertThat(skipped.skipped()).isEqualTo(1);
        assertThat(Files.readString(inPlace.resolve("etc.conf"))).isEqualTo("edited by hand\n");

        Restorer.restore(manifest, archives, inPlace, conf, ExistingFiles.KEEP_BOTH, ArchiveControl.NONE, RestoreListener.NONE, 1);
        Restorer.restore(manifest, archives, inPlace, conf, ExistingFiles.KEEP_BOTH, ArchiveControl.NONE, RestoreListener.NONE, 1);
        assertThat(Files.readString(inPlace.resolve("etc.conf"))).isEqualTo("edited by hand\n");
        assertThat(Files.readString(inPlace.resolve("etc.conf.restored"))).isEqualTo("listen 80;\n");
        assertThat(Files.readString(inPlace.resolve("etc.conf.restored-2"))).isEqualTo("listen 80;\n");

        Restorer.restore(manifest, archives, inPlace, conf, ExistingFiles.OVERWRITE, ArchiveControl.NONE, RestoreListener.NONE, 1);
        assertThat(Files.readString(inPlace.resolve("etc.conf"))).isEqualTo("listen 80;\n");
        try (Stream<Path> left = Files.list(inPlace)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("etc.conf", "etc.conf.restored",
                    "etc.conf.restored-2");
        }
    }

    @Test
    void aSymbolicLinkInTheDestinationDoesNotLeadTheRestoreOutside() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path inPlace = Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(inPlace.resolve("d1"), outside);

        assertThatThrownBy(() -> Restorer.restore(manifest, archives, inPlace, RestoreSelection.of(List.of("d1")), ExistingFiles.OVERWRITE,
                ArchiveControl.NONE, RestoreListener.NONE, 1)).isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aDamagedSegmentFailsNamingTheFileAndCountsWhatWasRestoredBefore() throws IOException {
        List<Path> segments = archives.get(1L);
        Path damaged = segments.get(segments.size() - 2); // the last holds one small file: a hundred bytes, too few to damage in the middle
        byte[] bytes = Files.readAllBytes(damaged);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(damaged, bytes);

        assertThatThrownBy(() -> Restorer.restore(manifest, archives, dir.resolve("damaged"), RestoreSelection.ALL, null,
                ArchiveControl.NONE, RestoreListener.NONE, 1))
                .isInstanceOfSatisfying(Restorer.Failed.class, failed -> {
                    assertThat(failed.restoredBefore()).isGreaterThan(40);
                    assertThat(failed.getMessage()).contains(damaged.getFileName().toString()).containsPattern("(d\\d/f\\d+\\.bin|etc\\.conf)");
                });
    }

    @Test
    void aCancelStopsEverySegmentAndLeavesNoHalfWrittenFile() throws IOException {
        ArchiveControl cancelAfterTen = new StoppingControl(10);
        Path restored = dir.resolve("cancelled");
        assertThatThrownBy(() -> Restorer.restore(manifest, archives, restored, RestoreSelection.ALL, null, cancelAfterTen,
                RestoreListener.NONE, 3)).isInstanceOf(IllegalStateException.class).hasMessage("cancelled");

        Map<String, String> written = contents(restored);
        Map<String, String> original = contents(source);
        assertThat(written).isNotEmpty().hasSizeLessThan(original.size());
        written.forEach((path, content) -> assertThat(content).as(path).isEqualTo(original.get(path)));
    }
}
