package io.backupscheduler.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts and decrypts secret values with a Tink keyset (AES-256-GCM). The secret's name is the associated data,
 * so a stored value decrypts only under its own name. A keyset may hold several keys: new values are encrypted with
 * the primary, and each ciphertext names the key that made it, so a rotation keeps old values readable until they
 * are encrypted again.
 */
public final class SecretCipher {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle keyset;
    private final Aead aead;

    private SecretCipher(KeysetHandle keyset) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** A new keyset with one fresh AES-256-GCM key. */
    public static SecretCipher generate() throws GeneralSecurityException {
        return new SecretCipher(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    }

    /** The keyset in Tink's JSON form (as {@link #toJson()} writes it). */
    public static SecretCipher fromJson(String json) throws GeneralSecurityException {
        return new SecretCipher(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    }

    public String toJson() throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    public String encrypt(String name, String value) throws GeneralSecurityException {
        byte[] sealed = aead.encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData(name));
        return Base64.getEncoder().encodeToString(sealed);
    }

    public String decrypt(String name, String stored) throws GeneralSecurityException {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the stored value of secret '" + name + "' is not base64", e);
        }
        return new String(aead.decrypt(sealed, associatedData(name)), StandardCharsets.UTF_8);
    }

    /** The same keys plus a new primary one: what a rotation encrypts with from now on. */
    public SecretCipher withNewPrimaryKey() throws GeneralSecurityException {
        return new SecretCipher(KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build());
    }

    /** Only the primary key: once every value is encrypted with it, the older keys can go. */
    public SecretCipher withPrimaryKeyOnly() throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return new SecretCipher(builder.build());
    }

    /** The keyset as Tink's AEAD: what wraps the data keys of encrypted backup points. */
    Aead aead() {
        return aead;
    }

    public int keys() {
        return keyset.size();
    }

    private static byte[] associatedData(String name) {
        return ("backup-scheduler secret " + name).getBytes(StandardCharsets.UTF_8);
    }
}
