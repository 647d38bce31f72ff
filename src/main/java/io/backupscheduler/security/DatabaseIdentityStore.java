package io.backupscheduler.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks user names and passwords against the {@code app_user} table and supplies the caller's effective roles
 * (it validates and provides groups: the handler ignores groups from a validate-only store).
 * <p>
 * PBKDF2 is deliberately slow (tens of milliseconds), which API clients sending HTTP Basic on every request
 * would pay each time; a verified password is therefore remembered for {@code backup.security.credential-cache-seconds}
 * as a salted SHA-256 digest tied to the stored hash, so a changed password or a disabled user takes effect at once.
 * <p>
 * {@code backup.security.lockout.max-failures} wrong passwords in a row lock the account for
 * {@code lockout.minutes}: while locked even the right password is refused (the caller is told only that the
 * sign-in failed), and an admin may unlock it sooner.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {
    private static final Logger LOG = Logger.getLogger(DatabaseIdentityStore.class.getName());
    private static final int MAX_CACHED = 10_000;

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    @ConfigProperty(name = "backup.security.credential-cache-seconds", defaultValue = "300")
    long cacheSeconds;

    @Inject
    @ConfigProperty(name = "backup.security.lockout.max-failures", defaultValue = "5")
    int lockoutFailures;

    @Inject
    @ConfigProperty(name = "backup.security.lockout.minutes", defaultValue = "15")
    long lockoutMinutes;

    private final byte[] cacheSalt = new SecureRandom().generateSeed(16);
    private final Map<String, VerifiedPassword> verified = new ConcurrentHashMap<>();

    private record VerifiedPassword(String storedHash, byte[] digest, long expiresAtNanos) {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<AppUser> found = users.findByUsername(login.getCaller());
        if (found.isEmpty() || !found.get().isEnabled()) {
            LOG.fine(() -> "login refused for unknown or disabled user '" + login.getCaller() + "'");
            return CredentialValidationResult.INVALID_RESULT;
        }
        AppUser user = found.get();
        if (user.isLockedAt(Instant.now())) {
            LOG.info(() -> "login refused for user '" + user.getUsername() + "': locked until " + user.getLockedUntil());
            return CredentialValidationResult.INVALID_RESULT;
        }
        String password = login.getPasswordAsString();
        if (!passwordMatches(user, password)) {
            if (lockoutFailures > 0 && users.recordFailedLogin(user.getUsername(), lockoutFailures,
                    Instant.now().plus(Duration.ofMinutes(lockoutMinutes)))) {
                LOG.warning(() -> "user '" + user.getUsername() + "' locked for " + lockoutMinutes + " min after " + lockoutFailures
                        + " wrong passwords in a row");
            } else {
                LOG.info(() -> "wrong password for user '" + user.getUsername() + "'");
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (user.getFailedLogins() > 0) {
            users.recordLogin(user.getUsername());
        }
        return new CredentialValidationResult(user.getUsername(), Roles.effective(user.getRoles()));
    }

    private boolean passwordMatches(AppUser user, String password) {
        byte[] digest = digest(password);
        VerifiedPassword cached = verified.get(user.getUsername());
        if (cached != null && cached.storedHash().equals(user.getPasswordHash())
                && cached.expiresAtNanos() - System.nanoTime() > 0
                && MessageDigest.isEqual(cached.digest(), digest)) {
            return true;
        }
        if (!hasher.verify(password, user.getPasswordHash())) {
            return false;
        }
        if (cacheSeconds > 0) {
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(user.getUsername(), new VerifiedPassword(user.getPasswordHash(), digest,
                    System.nanoTime() + cacheSeconds * 1_000_000_000L));
        }
        return true;
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cacheSalt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
