package io.backupscheduler.secret;

import io.backupscheduler.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rotates the secret key: {@link SecretKeys#rotate} orders the steps so that every value stays readable if one
 * fails, and the store encrypts every secret again in one transaction.
 */
@ApplicationScoped
public class SecretRotation {
    @Inject
    SecretKeys keys;

    @Inject
    SecretStore store;

    @Inject
    AuditLog audit;

    /** Returns how many secrets are now encrypted with the new (or newly configured) primary key. */
    public int rotate() {
        int count = keys.rotate(store::reencryptAll);
        audit.record("secret.rotate", "secret", null, count + " secrets encrypted with the keyset's primary key"
                + (keys.fromConfiguration() ? " (from backup.secrets.keyset)" : " (a new key in " + keys.file() + ")"), null, null);
        return count;
    }
}
