package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command wrote into its target, found by a snapshot, hashed, read back, restored and pruned. */
class ProducedFilesTest {
    @TempDir
    Path dir;

    private Path target;

    @BeforeEach
    void target() throws IOException {
        target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("old.dump"), "yesterday");
        Files.writeString(target.resolve("rewritten.dump"), "v1");
        Files.writeString(target.resolve("point-7-full.manifest"), "ours");
    }

    @Test
    void newAndChangedFilesAreTheOutputEvenWithOldModificationTimes() throws IOException {
        ProducedFiles.Snapshot before = ProducedFiles.snapshot(target, ArchiveControl.NONE);
        Files.writeString(target.resolve("rewritten.dump"), "version 2");
        Path copied = Files.writeString(Files.createDirectories(target.resolve("rsync")).resolve("kept-mtime.txt"), "copied");
        Files.setLastModifiedTime(copied, FileTime.fromMillis(1_000_000_000_000L)); // as rsync -t leaves it
        Files.writeString(target.resolve("point-9-command.manifest.part"), "ours too");

        List<String> produced = ProducedFiles.changedSince(target, before, ArchiveControl.NONE);
        ProducedFiles.Result result = ProducedFiles.record(target, produced, 12, ArchiveControl.NONE);

        assertThat(produced).as("in path order, the scheduler's own files left out").containsExactly("rewritten.dump", "rsync/kept-mtime.txt");

        assertThat(result.manifest().files().keySet()).containsExactly("rewritten.dump", "rsync/kept-mtime.txt");
        assertThat(result.bytes()).isEqualTo("version 2".length() + "copied".length());
        assertThat(result.manifest().get("rsync/kept-mtime.txt").modifiedMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(result.manifest().get("rewritten.dump").storedIn()).isEqualTo(12);
        assertThat(result.changedWhileRead()).isEmpty();
        assertThat(ProducedFiles.verify(target, result.manifest(), ArchiveControl.NONE)).isEmpty();

        Path restored = dir.resolve("restored");
        Restorer.Result written = ProducedFiles.restore(target, result.manifest(), restored, RestoreSelection.of(List.of("rsync")), null,
                ArchiveControl.NONE, RestoreListener.NONE);
        assertThat(written.files()).isEqualTo(1);
        assertThat(Files.readString(restored.resolve("rsync/kept-mtime.txt"))).isEqualTo("copied");
        assertThat(Files.getLastModifiedTime(restored.resolve("rsync/kept-mtime.txt")).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(restored.resolve("rewritten.dump")).doesNotExist();
    }

    @Test
    void aCommandThatWroteNothingHasNothingChanged() throws IOException {
        ProducedFiles.Snapshot before = ProducedFiles.snapshot(target, ArchiveControl.NONE);
        Files.writeString(target.resolve("point-8-command.manifest"), "the scheduler's own, not the command's");

        assertThat(ProducedFiles.changedSince(target, before, ArchiveControl.NONE)).isEmpty();
    }

    @Test
    void aChangedOrMissingFileFailsVerificationAndRestore() throws IOException {
        ProducedFiles.Snapshot before = ProducedFiles.snapshot(target, ArchiveControl.NONE);
        Files.writeString(target.resolve("a.dump"), "aaaa");
        Files.writeString(target.resolve("b.dump"), "bbbb");
        Manifest manifest = ProducedFiles.record(target, ProducedFiles.changedSince(target, before, ArchiveControl.NONE), 3, ArchiveControl.NONE).manifest();
        Files.writeString(target.resolve("a.dump"), "aaab");
        Files.delete(target.resolve("b.dump"));

        assertThat(ProducedFiles.verify(target, manifest, ArchiveControl.NONE)).containsExactly(
                "a.dump: 4 bytes with SHA-256 " + sha("aaab") + ", the manifest says 4 bytes with " + sha("aaaa"),
                "b.dump: in the manifest but gone from " + target);
        assertThatThrownBy(() -> ProducedFiles.restore(target, manifest, dir.resolve("r"), RestoreSelection.ALL, null,
                ArchiveControl.NONE, RestoreListener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("a.dump: copied with SHA-256");
    }

    @Test
    void deletingAPointKeepsFilesANewerPointStillLists() throws IOException {
        ProducedFiles.Snapshot before = ProducedFiles.snapshot(target, ArchiveControl.NONE);
        Files.writeString(target.resolve("db.dump"), "monday");
        Files.writeString(target.resolve("db-monday.log"), "log");
        Manifest monday = ProducedFiles.record(target, ProducedFiles.changedSince(target, before, ArchiveControl.NONE), 1, ArchiveControl.NONE).manifest();

        ProducedFiles.delete(target, monday, Set.of(target.resolve("db.dump")));

        assertThat(target.resolve("db.dump")).exists();
        assertThat(target.resolve("db-monday.log")).doesNotExist();
        assertThat(target.resolve("old.dump")).exists();
    }

    private static String sha(String text) {
        java.security.MessageDigest digest = TarZstd.sha256();
        return TarZstd.hex(digest.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
