package io.backupscheduler.security;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Issues, lists, revokes and checks API tokens. A token is {@code bst_} and 256 random bits (base64url); it is
 * looked up by its SHA-256 (a random value that long needs no slow hash), so a Bearer call costs one indexed read.
 */
@ApplicationScoped
@Transactional
public class ApiTokens {
    private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
    public static final String PREFIX = "bst_";
    public static final int MAX_DAYS = 365;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @jakarta.inject.Inject
    AuditLog audit;

    /** A token just made: the stored record and its value, which is shown this once. */
    public record Issued(ApiToken token, String value) {
    }

    /** Who a valid token acts as: the user and the roles the user holds now. */
    public record Caller(String username, Set<String> roles) {
    }

    public Issued issue(String username, String name, Integer expiresInDays) {
        if (name == null || name.isBlank()) {
            throw InvalidInputException.of("name", "is required: what the token is for, e.g. 'nightly export'");
        }
        if (name.strip().length() > 100) {
            throw InvalidInputException.of("name", "must be at most 100 characters");
        }
        int days = expiresInDays == null ? 90 : expiresInDays;
        if (days < 1 || days > MAX_DAYS) {
            throw InvalidInputException.of("expiresInDays", "must be between 1 and " + MAX_DAYS);
        }
        AppUser user = em.createQuery("select u from AppUser u where u.username = :name", AppUser.class).setParameter("name", username)
                .getResultStream().findFirst().orElseThrow(() -> new NoSuchEntityException("user", username));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken token = new ApiToken(user, name.strip(), value.substring(0, 12), hash(value), Instant.now().plus(Duration.ofDays(days)));
        em.persist(token);
        em.flush();
        audit.record("token.issue", "api-token", token.getId(), token.getName() + " (" + token.getPrefix() + "…) of " + username
                + ", expires " + token.getExpiresAt(), null, null);
        LOG.info(() -> "user '" + username + "' made API token '" + token.getName() + "' (" + token.getPrefix() + "…), expiring "
                + token.getExpiresAt());
        return new Issued(token, value);
    }

    /** The user's tokens, or every user's with {@code everyone}, newest first. */
    public List<ApiToken> list(String username, boolean everyone) {
        return (everyone
                ? em.createQuery("select t from ApiToken t order by t.createdAt desc, t.id desc", ApiToken.class)
                : em.createQuery("select t from ApiToken t where t.user.username = :name order by t.createdAt desc, t.id desc", ApiToken.class)
                        .setParameter("name", username)).getResultList();
    }

    /** Revokes a token of the caller's own, or anyone's for an admin; others' tokens do not exist for the caller. */
    public ApiToken revoke(long id, String by, boolean admin) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !admin && !token.getUser().getUsername().equals(by)) {
            throw new NoSuchEntityException("API token", id);
        }
        token.revoke(by, Instant.now());
        audit.record("token.revoke", "api-token", id, token.getName() + " of " + token.getUser().getUsername(), null, null);
        LOG.info(() -> "API token " + id + " ('" + token.getName() + "' of " + token.getUser().getUsername() + ") revoked by " + by);
        return token;
    }

    /** The caller a Bearer value stands for, when it is a token that may be used now. */
    public Optional<Caller> authenticate(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 200) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return em.createQuery("select t from ApiToken t where t.hash = :hash", ApiToken.class).setParameter("hash", hash(value))
                .getResultStream().findFirst().filter(token -> token.usableAt(now)).map(token -> {
                    if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        token.usedAt(now); // at most one write a minute per token, not one per call
                    }
                    return new Caller(token.getUser().getUsername(), Roles.effective(token.getUser().getRoles()));
                });
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
