package io.backupscheduler.alert;

import io.backupscheduler.persistence.SkipLocked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.logging.Logger;

/**
 * Opens and closes incidents. Each rule is looked at in a transaction of its own that holds the rule's row (SKIP
 * LOCKED), so two nodes never look at the same rule at once and an incident is opened once: a subject found with no
 * open incident opens one and queues its notifications; an open incident whose subject is no longer found is
 * resolved. Notifications are written here and sent by {@link AlertNotifier} once this has committed.
 */
@ApplicationScoped
public class AlertEvaluator {
    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AlertConditions conditions;

    @Transactional
    public List<Long> ruleIds() {
        return em.createQuery("select r.id from AlertRule r order by r.id", Long.class).getResultList();
    }

    /** Looks at one rule; returns how many incidents it opened (0 too when another node holds the rule). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int evaluate(long ruleId) {
        List<AlertRule> held = SkipLocked.claim(em.createQuery("select r from AlertRule r where r.id = :id", AlertRule.class)
                .setParameter("id", ruleId))
                .getResultList();
        if (held.isEmpty()) {
            return 0;
        }
        AlertRule rule = held.get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Alert> open = em.createQuery("select a from Alert a where a.ruleId = :rule and a.resolvedAt is null",
                        Alert.class).setParameter("rule", ruleId).getResultList().stream()
                .collect(Collectors.toMap(Alert::getSubject, Function.identity(), (a, b) -> a));
        Map<String, Finding> found = rule.isEnabled() ? conditions.find(rule, now) : Map.of();
        int opened = 0;
        for (Finding finding : found.values()) {
            if (!open.containsKey(finding.subject())) {
                open(rule, finding, now);
                opened++;
            }
        }
        for (Alert alert : open.values()) {
            if (!found.containsKey(alert.getSubject())) {
                alert.resolve(now);
                // a disabled rule's incidents close quietly: nobody asked to hear about them any more
                if (rule.isEnabled() && rule.isNotifyResolved()) {
                    queueNotifications(rule, alert, AlertDelivery.Event.RESOLVED, now);
                }
                LOG.info(() -> "alert " + alert.getId() + " of rule " + rule.getId() + " '" + rule.getName() + "' resolved: "
                        + alert.getSubjectLabel() + (rule.isEnabled() ? "" : " (the rule is disabled)"));
            }
        }
        return opened;
    }

    private void open(AlertRule rule, Finding finding, Instant now) {
        Alert alert = new Alert(rule.getId(), finding, now);
        em.persist(alert);
        em.flush();
        queueNotifications(rule, alert, AlertDelivery.Event.FIRING, now);
        LOG.warning(() -> "alert " + alert.getId() + " of rule " + rule.getId() + " '" + rule.getName() + "' (" + rule.getType()
                + ") on " + finding.label() + ": " + finding.message());
    }

    private void queueNotifications(AlertRule rule, Alert alert, AlertDelivery.Event event, Instant now) {
        if (rule.getWebhookUrl() != null) {
            em.persist(new AlertDelivery(alert.getId(), AlertDelivery.Channel.WEBHOOK, event, now));
        }
        if (!rule.getEmailTo().isEmpty()) {
            em.persist(new AlertDelivery(alert.getId(), AlertDelivery.Channel.EMAIL, event, now));
        }
    }
}
