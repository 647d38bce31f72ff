package io.backupscheduler.secret;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.errors.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The named secrets: set (create or replace), list (names and when they changed, never values), delete, and reveal
 * a value to a run that needs it. Every change is audited without the value.
 */
@ApplicationScoped
@Transactional
public class SecretStore {
    private static final Logger LOG = Logger.getLogger(SecretStore.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_VALUE = 4096;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeys keys;

    @Inject
    AuditLog audit;

    /** A secret as anyone may see it: that it is set, when it changed and by whom. */
    public record SecretInfo(String name, Instant createdAt, Instant updatedAt, String updatedBy) {
    }

    /** Why a name is not a secret's name, if it is not one. */
    public static java.util.Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return java.util.Optional.of("must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit, e.g."
                    + " restic-offsite");
        }
        return java.util.Optional.empty();
    }

    public List<SecretInfo> list() {
        List<SecretInfo> infos = new ArrayList<>();
        for (Secret secret : em.createQuery("select s from Secret s order by s.name", Secret.class).getResultList()) {
            infos.add(info(secret));
        }
        return infos;
    }

    public SecretInfo get(String name) {
        return info(find(name));
    }

    public boolean exists(String name) {
        return name != null && em.find(Secret.class, name) != null;
    }

    /** Sets a secret's value; true when it was created, false when an existing one was replaced. */
    public boolean put(String name, String value, String by) {
        List<FieldError> errors = new ArrayList<>();
        nameProblem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError("value", "is required"));
        } else if (value.length() > MAX_VALUE) {
            errors.add(new FieldError("value", "must be at most " + MAX_VALUE + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            errors.add(new FieldError("value", "must not contain a NUL character"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String sealed = seal(name, value);
        Secret existing = em.find(Secret.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (existing == null) {
            em.persist(new Secret(name, sealed, by));
            em.flush();
            audit.record("secret.create", "secret", name, "set (the value is not recorded)", null, null);
            LOG.info(() -> "secret '" + name + "' created by " + by);
            return true;
        }
        existing.change(sealed, by);
        audit.record("secret.update", "secret", name, "changed (the value is not recorded)", null, null);
        LOG.info(() -> "secret '" + name + "' changed by " + by);
        return false;
    }

    /** Removes a secret; the caller has made sure nothing uses it. */
    public void delete(String name) {
        Secret secret = find(name);
        em.remove(secret);
        audit.record("secret.delete", "secret", name, null, null, null);
        LOG.info(() -> "secret '" + name + "' deleted");
    }

    /** The value, for a run that hands it to its tool (through a file or a pipe, never an argument or a log). */
    public String reveal(String name) {
        Secret secret = find(name);
        try {
            return keys.cipher().decrypt(name, secret.getCiphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret '" + name + "' cannot be decrypted with the configured keyset (was the key"
                    + " replaced without its predecessor?)", e);
        }
    }

    /** Encrypts every secret again with this cipher's primary key, in one transaction of its own: all or none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int reencryptAll(SecretCipher cipher) {
        List<Secret> secrets = em.createQuery("select s from Secret s", Secret.class).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (Secret secret : secrets) {
            try {
                secret.reencrypted(cipher.encrypt(secret.getName(), cipher.decrypt(secret.getName(), secret.getCiphertext())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("secret '" + secret.getName() + "' cannot be decrypted: " + e.getMessage(), e);
            }
        }
        return secrets.size();
    }

    private String seal(String name, String value) {
        try {
            return keys.cipher().encrypt(name, value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret '" + name + "' cannot be encrypted: " + e.getMessage(), e);
        }
    }

    private Secret find(String name) {
        Secret secret = name == null ? null : em.find(Secret.class, name);
        if (secret == null) {
            throw new NoSuchEntityException("secret", name);
        }
        return secret;
    }

    private static SecretInfo info(Secret secret) {
        return new SecretInfo(secret.getName(), secret.getCreatedAt(), secret.getUpdatedAt(), secret.getUpdatedBy());
    }
}
