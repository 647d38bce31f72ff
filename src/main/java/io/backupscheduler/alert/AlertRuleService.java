package io.backupscheduler.alert;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Alert rules as people manage them: checked field by field, audited, and with their incident history. */
@ApplicationScoped
@Transactional
public class AlertRuleService {
    private static final Logger LOG = Logger.getLogger(AlertRuleService.class.getName());
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");
    /** A practical address check (the mail server has the last word): one @, no spaces or commas, a dotless host allowed. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+");
    private static final int MAX_RECIPIENTS = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    EmailChannel email;

    @Inject
    AuditLog audit;

    /** What a client asks a rule to be; {@code version} is required on update. */
    public record AlertRuleSpec(String name, AlertType type, Long jobId, Double threshold, String webhookUrl,
                                List<String> emailTo, Boolean notifyResolved, Boolean enabled, Long version) {
    }

    /** A filter on the incident history. */
    public record AlertQuery(Long ruleId, Boolean open) {
    }

    public List<AlertRule> list() {
        return em.createQuery("select r from AlertRule r order by r.name", AlertRule.class).getResultList();
    }

    public AlertRule get(long id) {
        AlertRule rule = em.find(AlertRule.class, id);
        if (rule == null) {
            throw new NoSuchEntityException("alert rule", id);
        }
        return rule;
    }

    public AlertRule create(AlertRuleSpec spec) {
        AlertRule rule = new AlertRule(spec == null ? null : spec.name());
        apply(rule, spec, null);
        em.persist(rule);
        em.flush();
        audit.record("alert-rule.create", "alert-rule", rule.getId(), rule.getName(), null, specOf(rule));
        LOG.info(() -> "created alert rule " + rule.getId() + " '" + rule.getName() + "' (" + rule.getType() + ")");
        return rule;
    }

    public AlertRule update(long id, AlertRuleSpec spec) {
        AlertRule rule = get(id);
        if (spec != null && spec.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the rule you edited");
        }
        if (spec != null && spec.version() != rule.getVersion()) {
            throw new ConflictException("version", "alert rule " + id + " was changed by someone else: reload it and try again");
        }
        AlertRuleSpec before = specOf(rule);
        apply(rule, spec, id);
        em.flush();
        audit.record("alert-rule.update", "alert-rule", id, rule.getName(), before, specOf(rule));
        LOG.info(() -> "updated alert rule " + id + " '" + rule.getName() + "'");
        return rule;
    }

    /** Removes a rule with its incidents and their deliveries. */
    public void delete(long id) {
        AlertRule rule = get(id);
        audit.record("alert-rule.delete", "alert-rule", id, rule.getName(), specOf(rule), null);
        em.createQuery("delete from AlertDelivery d where d.alertId in (select a.id from Alert a where a.ruleId = :id)")
                .setParameter("id", id).executeUpdate();
        em.createQuery("delete from Alert a where a.ruleId = :id").setParameter("id", id).executeUpdate();
        em.remove(rule);
        LOG.info(() -> "deleted alert rule " + id + " '" + rule.getName() + "'");
    }

    /** Incidents, newest first; {@code total[0]} receives the count of all that match. */
    public List<Alert> history(AlertQuery query, int offset, int limit, long[] total) {
        String where = " where 1 = 1" + (query.ruleId() == null ? "" : " and a.ruleId = :rule")
                + (query.open() == null ? "" : query.open() ? " and a.resolvedAt is null" : " and a.resolvedAt is not null");
        var count = em.createQuery("select count(a) from Alert a" + where, Long.class);
        var select = em.createQuery("select a from Alert a" + where + " order by a.openedAt desc, a.id desc", Alert.class);
        if (query.ruleId() != null) {
            count.setParameter("rule", query.ruleId());
            select.setParameter("rule", query.ruleId());
        }
        total[0] = count.getSingleResult();
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public Alert alert(long id) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw new NoSuchEntityException("alert", id);
        }
        return alert;
    }

    public List<AlertDelivery> deliveries(long alertId) {
        return em.createQuery("select d from AlertDelivery d where d.alertId = :id order by d.id", AlertDelivery.class)
                .setParameter("id", alertId).getResultList();
    }

    /** Deliveries of many incidents at once (for a page of the history). */
    public List<AlertDelivery> deliveries(List<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select d from AlertDelivery d where d.alertId in :ids order by d.id", AlertDelivery.class)
                .setParameter("ids", alertIds).getResultList();
    }

    static AlertRuleSpec specOf(AlertRule rule) {
        return new AlertRuleSpec(rule.getName(), rule.getType(), rule.getJobId(), rule.getThreshold(), rule.getWebhookUrl(),
                rule.getEmailTo(), rule.isNotifyResolved(), rule.isEnabled(), rule.getVersion());
    }

    private void apply(AlertRule rule, AlertRuleSpec spec, Long id) {
        if (spec == null) {
            throw InvalidInputException.of("body", "is required: an alert rule as JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = spec.name() == null ? null : spec.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 1-100 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit"));
        } else if (!em.createQuery("select r.id from AlertRule r where lower(r.name) = :name and r.id <> :id", Long.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .setParameter("id", id == null ? -1L : id).getResultList().isEmpty()) {
            throw new ConflictException("name", "an alert rule named '" + name + "' exists");
        }
        AlertType type = spec.type();
        if (type == null) {
            errors.add(new FieldError("type", "is required: one of " + java.util.Arrays.stream(AlertType.values()).map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(", "))));
        }
        if (spec.jobId() != null && em.find(BackupJob.class, spec.jobId()) == null) {
            errors.add(new FieldError("jobId", "job " + spec.jobId() + " does not exist"));
        }
        Double threshold = spec.threshold();
        if (type != null && type.hasThreshold()) {
            threshold = threshold == null ? type.defaultThreshold() : threshold;
            if (threshold.isNaN() || threshold < type.minThreshold() || threshold > type.maxThreshold()) {
                errors.add(new FieldError("threshold", "must be between " + type.minThreshold() + " and " + type.maxThreshold()
                        + " (" + type.thresholdMeaning() + ") for " + type));
            } else if (type == AlertType.CONSECUTIVE_FAILURES && threshold != Math.rint(threshold)) {
                errors.add(new FieldError("threshold", "must be a whole number of failed runs for CONSECUTIVE_FAILURES"));
            }
        } else if (type != null && threshold != null) {
            errors.add(new FieldError("threshold", type + " takes no threshold"));
        }
        String webhookUrl = spec.webhookUrl() == null || spec.webhookUrl().isBlank() ? null : spec.webhookUrl().strip();
        if (webhookUrl != null) {
            webhookError(webhookUrl).ifPresent(message -> errors.add(new FieldError("webhookUrl", message)));
        }
        List<String> emailTo = spec.emailTo() == null ? List.of()
                : spec.emailTo().stream().filter(a -> a != null && !a.isBlank()).map(String::strip).distinct().toList();
        if (emailTo.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError("emailTo", "may list at most " + MAX_RECIPIENTS + " addresses"));
        }
        for (int i = 0; i < emailTo.size(); i++) {
            if (emailTo.get(i).length() > 254 || !ADDRESS.matcher(emailTo.get(i)).matches()) {
                errors.add(new FieldError("emailTo[" + i + "]", "'" + emailTo.get(i) + "' is not an email address"));
            }
        }
        if (!emailTo.isEmpty() && !email.configured()) {
            errors.add(new FieldError("emailTo", "no mail server is configured: set backup.alerts.mail.host (and .port, .from)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        rule.define(name, type, spec.jobId(), type.hasThreshold() ? threshold : null, webhookUrl, emailTo,
                Boolean.TRUE.equals(spec.notifyResolved()), spec.enabled() == null || spec.enabled());
    }

    private static java.util.Optional<String> webhookError(String url) {
        if (url.length() > 2000) {
            return java.util.Optional.of("may be at most 2000 characters");
        }
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return java.util.Optional.of("must be an http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return java.util.Optional.of("must name a host");
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException e) {
            return java.util.Optional.of("is not a URL: " + e.getReason());
        }
    }
}
