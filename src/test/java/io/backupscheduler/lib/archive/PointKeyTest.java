package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted points: nothing readable on the target, every byte authenticated, the key only for its own point. */
class PointKeyTest {
    private static final String SECRET_LINE = "the database password is hunter2";

    @TempDir
    Path dir;

    private Path source;
    private Path archive;

    @BeforeEach
    void aSourceTree() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = new byte[700_000];
            random.nextBytes(bytes);
            Files.write(source.resolve("blob-" + i + ".bin"), bytes);
        }
        Files.writeString(source.resolve("config.txt"), SECRET_LINE.repeat(100));
        archive = Files.createDirectories(dir.resolve("target")).resolve("point-1-full.tar.zst");
    }

    private static Aead keyEncryptionKey() throws GeneralSecurityException {
        AeadConfig.register();
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private PointWriter.Sealed write(PointSealing sealing) throws IOException {
        return DirectoryArchiver.archive(FileSelection.of(source), Manifest.empty(), 1, archive, ArchiveControl.NONE, (f, b) -> { },
                CheckpointPolicy.DEFAULT, sealing);
    }

    @Test
    void anEncryptedPointHoldsNoPlaintextAndRestoresByteForByteWithItsKey() throws Exception {
        Aead kek = keyEncryptionKey();
        PointKey key = PointKey.generate();
        String wrapped = key.wrap(kek, 1);
        PointWriter.Sealed sealed = write(key);

        Path manifestFile = DirectoryArchiver.manifestOf(archive);
        for (Path file : List.of(archive, manifestFile)) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain("hunter2").doesNotContain("config.txt").doesNotContain("backup-scheduler manifest");
        }
        assertThat(wrapped).doesNotContain(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1).substring(0, 8));

        PointKey reopened = PointKey.unwrap(wrapped, kek, 1);
        Manifest manifest = Manifest.read(manifestFile, reopened);
        assertThat(manifest.files()).isEqualTo(sealed.manifest().files());
        assertThat(ArchiveVerifier.verify(List.of(archive), manifest, 1, reopened, ArchiveControl.NONE)).isEmpty();
        Path restored = dir.resolve("restored");
        Restorer.restore(manifest, Map.of(1L, List.of(archive)), Map.of(1L, reopened), restored, RestoreSelection.ALL, null,
                ArchiveControl.NONE, RestoreListener.NONE, 2);
        assertThat(Files.readString(restored.resolve("config.txt"))).isEqualTo(SECRET_LINE.repeat(100));
        assertThat(Files.readAllBytes(restored.resolve("blob-3.bin"))).isEqualTo(Files.readAllBytes(source.resolve("blob-3.bin")));
    }

    @Test
    void aFlippedByteFailsVerifyNamingTheSegmentAndRestoreStopsWithoutTheFile() throws Exception {
        PointKey key = PointKey.generate();
        PointWriter.Sealed sealed = write(key);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(archive, bytes);

        List<String> problems = ArchiveVerifier.verify(List.of(archive), sealed.manifest(), 1, key, ArchiveControl.NONE);
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0)).contains("the archive point-1-full.tar.zst cannot be read");
        Path restored = dir.resolve("restored");
        assertThatThrownBy(() -> Restorer.restore(sealed.manifest(), Map.of(1L, List.of(archive)), Map.of(1L, key), restored,
                RestoreSelection.ALL, null, ArchiveControl.NONE, RestoreListener.NONE, 1))
                .isInstanceOf(Restorer.Failed.class).hasMessageContaining("point-1-full.tar.zst");
        assertThat(Files.isDirectory(restored) ? Files.list(restored).filter(f -> f.toString().endsWith(".part")).toList() : List.of())
                .as("no half-written file is left").isEmpty();
    }

    @Test
    void theWrongKeyOrAKeyOfAnotherPointOpensNothing() throws Exception {
        Aead kek = keyEncryptionKey();
        PointKey key = PointKey.generate();
        String wrapped = key.wrap(kek, 1);
        write(key);
        Path manifestFile = DirectoryArchiver.manifestOf(archive);

        assertThatThrownBy(() -> Manifest.read(manifestFile, PointKey.generate())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Manifest.read(manifestFile)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PointKey.unwrap(wrapped, keyEncryptionKey(), 1)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> PointKey.unwrap(wrapped, kek, 2)).as("wrapped for point 1 only")
                .isInstanceOf(GeneralSecurityException.class);
        Files.move(manifestFile, manifestFile.resolveSibling("renamed.manifest"));
        assertThatThrownBy(() -> Manifest.read(manifestFile.resolveSibling("renamed.manifest"), key)).as("sealed under its name")
                .isInstanceOf(IOException.class);
    }
}
