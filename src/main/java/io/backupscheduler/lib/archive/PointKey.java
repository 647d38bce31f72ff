package io.backupscheduler.lib.archive;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * One backup point's data key: Tink's streaming AEAD (AES-256-GCM-HKDF in 1 MiB segments), which authenticates every
 * segment of a file as it is read, so a flipped byte stops the read where it is and nothing after it is trusted.
 * The key is stored only wrapped (encrypted) by a key-encryption key, with the point's id as associated data: a
 * wrapped key copied to another point does not open.
 */
public final class PointKey implements PointSealing {
    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle keyset;
    private final StreamingAead aead;

    private PointKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }

    /** A fresh key for a new point. */
    public static PointKey generate() {
        try {
            return new PointKey(KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a point key cannot be made: " + e.getMessage(), e);
        }
    }

    /** The key encrypted by {@code keyEncryptionKey} for point {@code pointId} (Tink's JSON keyset form). */
    public String wrap(Aead keyEncryptionKey, long pointId) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, keyEncryptionKey, associatedData(pointId));
    }

    /** The key of point {@code pointId} from its wrapped form; fails when {@code keyEncryptionKey} did not wrap it. */
    public static PointKey unwrap(String wrapped, Aead keyEncryptionKey, long pointId) throws GeneralSecurityException {
        return new PointKey(TinkJsonProtoKeysetFormat.parseEncryptedKeyset(wrapped, keyEncryptionKey, associatedData(pointId)));
    }

    @Override
    public OutputStream seal(OutputStream out, String fileName) throws IOException {
        try {
            return aead.newEncryptingStream(out, fileName.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt " + fileName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(InputStream in, String fileName) throws IOException {
        try {
            return aead.newDecryptingStream(in, fileName.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt " + fileName + ": " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(long pointId) {
        return ("backup-scheduler point " + pointId).getBytes(StandardCharsets.UTF_8);
    }
}
