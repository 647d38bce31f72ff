package io.backupscheduler.alert;

import io.backupscheduler.persistence.SkipLocked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the outbox holds. One delivery per transaction, its row held (SKIP LOCKED) while it is sent, so two
 * nodes never send the same notification; a failure waits {@code initial-delay-seconds}, doubling, up to
 * {@code max-attempts}, then the delivery is FAILED with its last error.
 */
@ApplicationScoped
public class AlertNotifier {
    private static final Logger LOG = Logger.getLogger(AlertNotifier.class.getName());
    private static final Duration MAX_DELAY = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookChannel webhook;

    @Inject
    EmailChannel email;

    @Inject
    @ConfigProperty(name = "backup.alerts.delivery.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "backup.alerts.delivery.initial-delay-seconds", defaultValue = "30")
    long initialDelaySeconds;

    /** Sends the next due delivery, if there is one that no other node holds; false when there was none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean deliverNext() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AlertDelivery> due = SkipLocked.claim(em.createQuery("select d from AlertDelivery d where d.status = :pending"
                        + " and d.nextAttemptAt <= :now order by d.nextAttemptAt, d.id", AlertDelivery.class)
                .setParameter("pending", AlertDelivery.Status.PENDING).setParameter("now", now)
                .setMaxResults(1))
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        AlertDelivery delivery = due.get(0);
        Alert alert = em.find(Alert.class, delivery.getAlertId());
        AlertRule rule = alert == null ? null : em.find(AlertRule.class, alert.getRuleId());
        if (rule == null) {
            delivery.failed("its alert or rule was removed", null);
            return true;
        }
        Notification notification = Notification.of(alert, rule, delivery.getEvent());
        try {
            switch (delivery.getChannel()) {
                case WEBHOOK -> {
                    if (rule.getWebhookUrl() == null) {
                        throw new IllegalStateException("the rule no longer has a webhook URL");
                    }
                    webhook.send(rule.getWebhookUrl(), notification);
                }
                case EMAIL -> {
                    if (rule.getEmailTo().isEmpty()) {
                        throw new IllegalStateException("the rule no longer has recipients");
                    }
                    email.send(rule.getEmailTo(), notification);
                }
                default -> throw new IllegalStateException(delivery.getChannel().name());
            }
            delivery.sent(now);
            LOG.info(() -> "alert " + alert.getId() + " " + delivery.getEvent() + " sent by " + delivery.getChannel()
                    + " (attempt " + delivery.getAttempts() + ")");
        } catch (Exception e) { // every channel failure is a failed attempt, retried; the message says what it was
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            Instant next = delivery.getAttempts() + 1 >= maxAttempts ? null : now.plus(backoff(delivery.getAttempts()));
            delivery.failed(error, next);
            LOG.warning(() -> "alert " + alert.getId() + " " + delivery.getEvent() + " by " + delivery.getChannel()
                    + " failed (attempt " + delivery.getAttempts() + " of " + maxAttempts + "): " + error
                    + (next == null ? "; giving up" : "; next attempt at " + next));
        }
        return true;
    }

    private Duration backoff(int attemptsSoFar) {
        Duration delay = Duration.ofSeconds(initialDelaySeconds).multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
