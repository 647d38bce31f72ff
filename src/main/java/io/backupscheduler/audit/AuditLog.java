package io.backupscheduler.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Records changes in the caller's transaction, so an entry exists exactly when its change was committed. The
 * actor is the signed-in caller, or {@code system} for work without one (timers, the dispatcher).
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger("io.backupscheduler.audit");
    public static final String SYSTEM = "system";

    private final Jsonb json = JsonbBuilder.create(new JsonbConfig().withFormatting(false));

    @PersistenceContext
    EntityManager em;

    @Inject
    SecurityContext security;

    /** A page of entries, newest first, filtered by what is given. */
    public record Query(String actor, String targetType, String targetId, String action, Instant from, Instant to) {
    }

    /**
     * @param before the state before (null for a creation), any JSON-B serialisable value without secrets
     * @param after  the state after (null for a removal)
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String action, String targetType, Object targetId, String summary, Object before, Object after) {
        String actor = actor();
        em.persist(new AuditEntry(Instant.now(), actor, action, targetType, targetId == null ? null : String.valueOf(targetId),
                summary == null ? null : summary.length() > 1000 ? summary.substring(0, 1000) : summary, toJson(before), toJson(after)));
        LOG.info(() -> actor + " " + action + " " + targetType + (targetId == null ? "" : " " + targetId) + (summary == null ? "" : ": " + summary));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> search(Query query, int offset, int limit, long[] total) {
        List<String> conditions = new ArrayList<>();
        List<Object[]> parameters = new ArrayList<>();
        add(conditions, parameters, "e.actor = :actor", "actor", query.actor());
        add(conditions, parameters, "e.targetType = :type", "type", query.targetType());
        add(conditions, parameters, "e.targetId = :target", "target", query.targetId());
        add(conditions, parameters, "e.action = :action", "action", query.action());
        add(conditions, parameters, "e.at >= :from", "from", query.from());
        add(conditions, parameters, "e.at < :to", "to", query.to());
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEntry e" + where, Long.class);
        TypedQuery<AuditEntry> select = em.createQuery("select e from AuditEntry e" + where + " order by e.at desc, e.id desc", AuditEntry.class);
        for (Object[] parameter : parameters) {
            count.setParameter((String) parameter[0], parameter[1]);
            select.setParameter((String) parameter[0], parameter[1]);
        }
        total[0] = count.getSingleResult();
        return select.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private static void add(List<String> conditions, List<Object[]> parameters, String condition, String name, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            conditions.add(condition);
            parameters.add(new Object[] {name, value instanceof String text ? text.strip() : value});
        }
    }

    private String actor() {
        try {
            Principal caller = security.getCallerPrincipal();
            return caller == null ? SYSTEM : caller.getName();
        } catch (RuntimeException e) {
            return SYSTEM; // no request on this thread
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.toJson(value);
        } catch (RuntimeException e) {
            return "\"" + value.getClass().getSimpleName() + " (not serialisable: " + e.getMessage().replace("\"", "'") + ")\"";
        }
    }
}
