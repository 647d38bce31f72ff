package io.backupscheduler.secret;

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
 * The keyset the secret store encrypts with. From {@code backup.secrets.keyset} (a Tink JSON keyset, e.g. from
 * the environment variable {@code BACKUP_SECRETS_KEYSET}) when set; otherwise from the key file
 * {@code backup.secrets.keyset-file} (default {@code <data-dir>/secrets-keyset.json}), created with a fresh key
 * (readable by its owner only) the first time it is needed. Rotation: see {@link #rotate}.
 */
@ApplicationScoped
public class SecretKeys {
    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    @Inject
    @ConfigProperty(name = "backup.secrets.keyset")
    Optional<String> keyset;

    @Inject
    @ConfigProperty(name = "backup.secrets.keyset-file")
    Optional<String> keysetFile;

    @Inject
    SharedSettings settings;

    private SecretCipher cipher;

    /** What re-encrypts every stored secret with a cipher, in one transaction, and says how many it did. */
    public interface Reencryption {
        int with(SecretCipher cipher);
    }

    public synchronized SecretCipher cipher() {
        if (cipher == null) {
            cipher = load();
        }
        return cipher;
    }

    /** Whether the keyset comes from configuration (rotation then changes the configuration, not a file). */
    public boolean fromConfiguration() {
        return keyset.filter(k -> !k.isBlank()).isPresent();
    }

    Path file() {
        return keysetFile.filter(f -> !f.isBlank()).map(Path::of)
                .orElse(settings.dataDirectory().resolve("secrets-keyset.json"));
    }

    /**
     * With a key file: a new primary key is added and written first (the old keys stay, so every value still
     * decrypts if anything fails from here), every secret is encrypted again with it, then the old keys are dropped
     * from the file. With a configured keyset the operator rotates it (a keyset whose new primary key sits beside the
     * old one, on every node); this then encrypts every secret with that primary, after which the old key can leave
     * the configuration. Returns how many secrets were encrypted again.
     */
    public synchronized int rotate(Reencryption reencryption) {
        try {
            SecretCipher current = cipher();
            if (fromConfiguration()) {
                return reencryption.with(current);
            }
            SecretCipher rotated = current.withNewPrimaryKey();
            write(rotated);
            cipher = rotated;
            int count = reencryption.with(rotated);
            SecretCipher trimmed = rotated.withPrimaryKeyOnly();
            write(trimmed);
            cipher = trimmed;
            LOG.info(() -> "secret key rotated in " + file() + "; " + count + " secrets encrypted with the new key");
            return count;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the secret key could not be rotated: " + e.getMessage(), e);
        }
    }

    private SecretCipher load() {
        try {
            if (fromConfiguration()) {
                return SecretCipher.fromJson(keyset.get());
            }
            Path file = file();
            if (Files.isRegularFile(file)) {
                return SecretCipher.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            }
            SecretCipher fresh = SecretCipher.generate();
            write(fresh);
            LOG.warning(() -> "no secret keyset configured: created " + file + " with a new key. Keep a copy of it apart from the"
                    + " database backups (secrets cannot be read without it), or set backup.secrets.keyset");
            return fresh;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the secret keyset cannot be read (backup.secrets.keyset or " + file() + "): "
                    + e.getMessage(), e);
        }
    }

    private void write(SecretCipher keys) throws IOException, GeneralSecurityException {
        OwnerOnlyFiles.write(file(), keys.toJson());
    }
}
