package io.backupscheduler.secret;

import io.backupscheduler.lib.archive.PointKey;
import io.backupscheduler.lib.archive.PointSealing;
import io.backupscheduler.settings.SharedSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys of encrypted backup points. Each point has its own data key ({@link PointKey}), kept beside the point
 * only wrapped by the key-encryption keyset: {@code backup.encryption.keyset} (a Tink JSON AEAD keyset, e.g. from
 * the environment variable {@code BACKUP_ENCRYPTION_KEYSET}) or else the key file {@code backup.encryption.keyset-file}
 * (default {@code <data-dir>/point-keyset.json}), created the first time a point is encrypted. Rotation adds a new
 * primary key to the keyset and keeps the old ones: new points are wrapped with the new key, old points open while
 * their key stays in the keyset (docs/operations.md, "Encrypted points").
 */
@ApplicationScoped
public class PointKeys {
    private static final Logger LOG = Logger.getLogger(PointKeys.class.getName());

    @Inject
    @ConfigProperty(name = "backup.encryption.keyset")
    Optional<String> keyset;

    @Inject
    @ConfigProperty(name = "backup.encryption.keyset-file")
    Optional<String> keysetFile;

    @Inject
    SharedSettings settings;

    private SecretCipher keys;

    /** A new data key for the point, written wrapped to {@code keyFile}; what its files are sealed with. */
    public PointSealing create(Path keyFile, long pointId) throws IOException {
        PointKey key = PointKey.generate();
        try {
            OwnerOnlyFiles.write(keyFile, key.wrap(keys().aead(), pointId));
        } catch (GeneralSecurityException e) {
            throw new IOException("the key of backup point " + pointId + " cannot be wrapped: " + e.getMessage(), e);
        }
        return key;
    }

    /** The data key of the point from {@code keyFile}: an IOException saying why when it is missing or does not open. */
    public PointSealing open(Path keyFile, long pointId) throws IOException {
        if (!Files.isRegularFile(keyFile)) {
            throw new IOException("backup point " + pointId + " is encrypted but its key file " + keyFile + " is missing");
        }
        try {
            return PointKey.unwrap(Files.readString(keyFile, StandardCharsets.UTF_8), keys().aead(), pointId);
        } catch (GeneralSecurityException e) {
            throw new IOException("the key of backup point " + pointId + " does not open with the point keyset (" + source()
                    + "): the keyset that wrapped it is not configured here", e);
        }
    }

    /** Adds a new primary key (new points are wrapped with it); the old keys stay for the points they wrapped. */
    public synchronized int rotate() throws IOException {
        if (fromConfiguration()) {
            throw new IllegalStateException("the point keyset comes from backup.encryption.keyset: add the new key to it there");
        }
        try {
            SecretCipher rotated = keys().withNewPrimaryKey();
            OwnerOnlyFiles.write(file(), rotated.toJson());
            keys = rotated;
            return rotated.keys();
        } catch (GeneralSecurityException e) {
            throw new IOException("the point keyset cannot be rotated: " + e.getMessage(), e);
        }
    }

    private synchronized SecretCipher keys() throws IOException {
        if (keys == null) {
            try {
                if (fromConfiguration()) {
                    keys = SecretCipher.fromJson(keyset.get());
                } else if (Files.isRegularFile(file())) {
                    keys = SecretCipher.fromJson(Files.readString(file(), StandardCharsets.UTF_8));
                } else {
                    SecretCipher fresh = SecretCipher.generate();
                    OwnerOnlyFiles.write(file(), fresh.toJson());
                    LOG.warning(() -> "no point keyset configured: created " + file() + " with a new key. Keep a copy of it apart from"
                            + " the backups: encrypted points cannot be restored without it (or set backup.encryption.keyset)");
                    keys = fresh;
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("the point keyset (" + source() + ") cannot be read: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private String source() {
        return fromConfiguration() ? "backup.encryption.keyset" : file().toString();
    }

    private boolean fromConfiguration() {
        return keyset.filter(k -> !k.isBlank()).isPresent();
    }

    private Path file() {
        return keysetFile.filter(f -> !f.isBlank()).map(Path::of).orElse(settings.dataDirectory().resolve("point-keyset.json"))
                .toAbsolutePath();
    }
}
