package io.backupscheduler.schedule;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes this node when the earliest schedule is due: one task on the managed scheduled executor, armed on the
 * earliest next fire time (at most a poll interval away, so that other nodes' changes are seen) and armed again
 * after every pass and whenever a schedule changes here. It only wakes the node: what fires is decided by the
 * database in {@link ScheduleFiring}, so a lost task loses nothing (the heartbeat timer wakes the node too).
 */
@ApplicationScoped
public class FiringTrigger {
    private static final Logger LOG = Logger.getLogger(FiringTrigger.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduleFiring firing;

    @Inject
    @ConfigProperty(name = "backup.schedule.poll-seconds", defaultValue = "30")
    long pollSeconds;

    private ScheduledFuture<?> armed;
    private Instant armedFor;
    private volatile boolean stopped;

    /** Fires everything due now, batch after batch, then arms the next wake-up. */
    public void wake() {
        if (stopped) {
            return;
        }
        try {
            // batch after batch until a pass finds nothing due (or only what other nodes hold)
            while (firing.fireDueBatch() > 0) {
                if (stopped) {
                    return;
                }
            }
        } catch (RuntimeException e) { // while the application stops, its persistence unit goes first: not news
            LOG.log(stopped ? Level.FINE : Level.WARNING, "firing due schedules failed; trying again at the next wake-up", e);
        } finally {
            arm();
        }
    }

    /** Arms the wake-up on the earliest next fire time, replacing a later one. */
    public synchronized void arm() {
        if (stopped) {
            return;
        }
        Instant now = Instant.now();
        Instant latest = now.plusSeconds(pollSeconds);
        Instant earliest;
        try {
            earliest = em.createQuery("select min(s.nextFireAt) from Schedule s where s.enabled = true", Instant.class)
                    .getSingleResult();
        } catch (RuntimeException e) { // the database is away: poll again later
            LOG.log(Level.FINE, "could not read the next fire time", e);
            earliest = null;
        }
        // wake a little ahead: the pass claims and plans first, then inserts the runs at the due instant
        Instant ahead = earliest == null ? null : earliest.minus(firing.fireAhead());
        Instant at = ahead == null || ahead.isAfter(latest) ? latest : ahead;
        // a wake-up whose time has come is spent, even while it still runs (it is what calls this)
        if (armed != null && !armed.isDone() && armedFor != null && armedFor.isAfter(now)) {
            if (!armedFor.isAfter(at)) {
                return; // an earlier or equal wake-up is already armed
            }
            armed.cancel(false);
        }
        long delayMillis = Math.max(0, Duration.between(now, at).toMillis());
        armedFor = at;
        armed = executor.schedule(this::wake, delayMillis, TimeUnit.MILLISECONDS);
    }

    void rearmOnChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScheduleChanged changed) {
        try {
            executor.execute(this::arm);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not re-arm after a change; the heartbeat will", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (armed != null) {
            armed.cancel(false);
        }
    }
}
