package io.backupscheduler.schedule;

import io.backupscheduler.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import io.backupscheduler.persistence.NativeValues;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The scheduler as a whole on or off, stored so that it survives restarts and holds for every node. While off,
 * nothing fires (timed or event schedules); fires missed meanwhile follow each schedule's misfire policy when it
 * is switched on again. Running a schedule by hand still works.
 */
@ApplicationScoped
@Transactional
public class SchedulerSwitch {
    private static final Logger LOG = Logger.getLogger(SchedulerSwitch.class.getName());

    /** The stored state: whether schedules fire, since when, and who last changed it (null: nobody yet). */
    public record State(boolean enabled, Instant changedAt, String changedBy) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<ScheduleChanged> changed;

    @Inject
    AuditLog audit;

    public State state() {
        Object[] row = (Object[]) em.createNativeQuery("select enabled, changed_at, changed_by from scheduler_state where id = 1")
                .getSingleResult();
        return new State((Boolean) row[0], NativeValues.instant(row[1]), (String) row[2]);
    }

    public boolean isEnabled() {
        return state().enabled();
    }

    public State set(boolean enabled, String by) {
        boolean before = state().enabled();
        em.createNativeQuery("update scheduler_state set enabled = :enabled, changed_at = :now, changed_by = :by where id = 1")
                .setParameter("enabled", enabled)
                .setParameter("now", Instant.now())
                .setParameter("by", by)
                .executeUpdate();
        audit.record("scheduler.switch", "scheduler", null, enabled ? "on" : "off", java.util.Map.of("enabled", before),
                java.util.Map.of("enabled", enabled));
        LOG.info(() -> "scheduler switched " + (enabled ? "on" : "off") + " by " + by);
        changed.fire(new ScheduleChanged(null));
        return state();
    }
}
