package io.backupscheduler.schedule;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Inbound webhooks: created with a generated secret (shown once), listed, removed, and called with a signature. */
@ApplicationScoped
@Transactional
public class WebhookService {
    private static final Logger LOG = Logger.getLogger(WebhookService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduleFiring firing;

    @Inject
    @ConfigProperty(name = "backup.webhook.replay-window-seconds", defaultValue = "300")
    long replayWindowSeconds;

    /** A webhook just created, with the secret its callers sign with: the only time it is shown. */
    public record Created(Webhook webhook, String secret) {
    }

    /** The outcome of an inbound call: refused with the reason, or the entries it queued. */
    public record Call(Optional<String> refused, List<Long> queued) {
    }

    @Inject
    AuditLog audit;

    public Created create(String name) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw InvalidInputException.of("name", "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (find(name.strip()).isPresent()) {
            throw new ConflictException("name", "a webhook named '" + name.strip() + "' already exists");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Webhook webhook = new Webhook(name.strip(), secret);
        em.persist(webhook);
        em.flush();
        audit.record("webhook.create", "webhook", webhook.getName(), "secret issued (not recorded)", null, java.util.Map.of("name", webhook.getName()));
        LOG.info(() -> "created webhook " + webhook.getId() + " '" + webhook.getName() + "'");
        return new Created(webhook, secret);
    }

    public List<Webhook> list() {
        return em.createQuery("select w from Webhook w order by w.name", Webhook.class).getResultList();
    }

    public void delete(String name) {
        Webhook webhook = find(name).orElseThrow(() -> new NoSuchEntityException("webhook", name));
        em.remove(webhook);
        audit.record("webhook.delete", "webhook", name, null, java.util.Map.of("name", name), null);
        LOG.info(() -> "deleted webhook '" + name + "'");
    }

    /**
     * An inbound call: checks the signature and the timestamp, then fires the EVENT schedules on this webhook with
     * the body as event data. An unknown webhook is refused like a bad signature, so names cannot be probed.
     */
    public Call call(String name, String timestamp, String signature, byte[] body) {
        Optional<Webhook> webhook = find(name);
        if (webhook.isEmpty()) {
            return new Call(Optional.of("unknown webhook or bad signature"), List.of());
        }
        Optional<String> problem = WebhookSignature.problem(webhook.get().secret(), timestamp, signature, body,
                Instant.now(), Duration.ofSeconds(replayWindowSeconds));
        if (problem.isPresent()) {
            LOG.warning(() -> "webhook '" + name + "' call refused: " + problem.get());
            return new Call(problem, List.of());
        }
        List<Long> queued = firing.fireEvent(EventType.WEBHOOK, webhook.get().getName(), new String(body, StandardCharsets.UTF_8));
        LOG.info(() -> "webhook '" + name + "' called: queued " + queued);
        return new Call(Optional.empty(), queued);
    }

    private Optional<Webhook> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return em.createQuery("select w from Webhook w where w.name = :name", Webhook.class)
                .setParameter("name", name.strip()).getResultStream().findFirst();
    }
}
