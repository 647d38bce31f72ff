package io.backupscheduler.schedule;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.node.NodeIdentity;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.queue.ScheduledRun;
import io.backupscheduler.lib.calendar.BusinessCalendar;
import io.backupscheduler.lib.calendar.FireRule;
import io.backupscheduler.persistence.SkipLocked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns fires into queue entries. Due schedules are claimed with SKIP LOCKED, their runs decided (misfire and
 * overlap policies), queued together, every fire recorded and each next fire time advanced, all in one
 * transaction (docs/architecture.md, principle 2): a second node never fires the same schedule twice, and a crash loses no
 * fire. A thousand schedules due in the same minute are one pass: one lock, one look at their open runs, one
 * batch of inserts.
 */
@ApplicationScoped
public class ScheduleFiring {
    private static final Logger LOG = Logger.getLogger(ScheduleFiring.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    JobQueue queue;

    @Inject
    SchedulerSwitch schedulerSwitch;

    @Inject
    NodeIdentity node;

    @Inject
    Event<FireRecorded> fireRecorded;

    @Inject
    @ConfigProperty(name = "backup.schedule.misfire-threshold-seconds", defaultValue = "60")
    long misfireThresholdSeconds;

    @Inject
    @ConfigProperty(name = "backup.schedule.fire-batch-size", defaultValue = "1000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "backup.schedule.fire-ahead-millis", defaultValue = "1000")
    long fireAheadMillis;

    private final Clock clock = Clock.systemUTC();

    /**
     * Fires up to one batch of due schedules in a transaction of its own; returns how many schedules it
     * claimed (none: nothing is due within the fire-ahead time, or other nodes hold it).
     * <p>
     * Fires are taken ahead: the schedules due at the earliest next fire time (or before) are claimed and
     * planned up to {@code backup.schedule.fire-ahead-millis} early, and their runs inserted at that instant,
     * so that a thousand schedules due in the same second do not queue behind their own planning.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int fireDueBatch() {
        if (!schedulerSwitch.isEnabled()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant earliest = em.createQuery("select min(s.nextFireAt) from Schedule s where s.enabled = true", Instant.class)
                .getSingleResult();
        // a little slack: a timer may wake a millisecond before the fire-ahead instant
        if (earliest == null || earliest.isAfter(now.plusMillis(fireAheadMillis + 50))) {
            return 0;
        }
        Instant fireAt = earliest.isAfter(now) ? earliest : now;
        List<Schedule> due = SkipLocked.claim(em.createQuery("select s from Schedule s where s.enabled = true and s.nextFireAt <= :at"
                        + " order by s.nextFireAt, s.id", Schedule.class)
                .setParameter("at", fireAt)
                .setMaxResults(batchSize))
                .getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        Pass pass = new Pass(due, fireAt);
        Map<Long, BusinessCalendar> calendars = new HashMap<>();
        for (Schedule schedule : due) {
            planTimed(schedule, pass, calendars);
        }
        sleepUntil(fireAt);
        int queued = pass.queue().size();
        LOG.info(() -> "fired " + due.size() + " schedules due at " + fireAt + " (" + queued + " runs queued) in "
                + Duration.between(now, clock.instant()).toMillis() + " ms, planned from " + now);
        return due.size();
    }

    /** How long before a fire its pass starts: the trigger wakes the node that much early. */
    public Duration fireAhead() {
        return Duration.ofMillis(fireAheadMillis);
    }

    private void sleepUntil(Instant instant) {
        long millis = Duration.between(clock.instant(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void planTimed(Schedule schedule, Pass pass, Map<Long, BusinessCalendar> calendars) {
        MisfirePlanner.Plan plan;
        try {
            FireRule rule = ScheduleRules.ruleOf(schedule, calendar(schedule.getCalendarId(), calendars)).orElseThrow();
            plan = MisfirePlanner.plan(rule, ZoneId.of(schedule.getZone()), schedule.getNextFireAt(), pass.now,
                    schedule.getMisfirePolicy(), schedule.getMisfireLimit(), Duration.ofSeconds(misfireThresholdSeconds),
                    schedule.getStartingDeadlineSeconds() == null ? null : Duration.ofSeconds(schedule.getStartingDeadlineSeconds()));
        } catch (RuntimeException e) { // a stored rule that no longer evaluates must not stall every other schedule
            LOG.log(Level.SEVERE, "schedule " + schedule.getId() + " '" + schedule.getName() + "' cannot be evaluated;"
                    + " it is paused", e);
            schedule.setEnabled(false);
            pass.record(schedule, schedule.getNextFireAt(), pass.now, FireOutcome.SKIPPED_MISFIRE, null,
                    "paused: the schedule could not be evaluated (" + e.getMessage() + ")");
            return;
        }
        if (plan.runs().isEmpty() && plan.dropped() > 0) {
            pass.record(schedule, schedule.getNextFireAt(), pass.now, FireOutcome.SKIPPED_MISFIRE, null, plan.note());
            LOG.info(() -> "schedule " + schedule.getId() + " '" + schedule.getName() + "': " + plan.note());
        }
        for (Instant fire : plan.runs()) {
            pass.fire(schedule, fire, plan.note(), schedule.getJobData());
        }
        schedule.nextFireAt(plan.next().orElse(null));
    }

    /** Runs a schedule now, by hand: its overlap policy still holds (409 when FORBID finds an open run). */
    @Transactional
    public long runNow(long scheduleId, String by) {
        Schedule schedule = em.find(Schedule.class, scheduleId, LockModeType.PESSIMISTIC_WRITE);
        if (schedule == null) {
            throw new NoSuchEntityException("schedule", scheduleId);
        }
        Pass pass = new Pass(List.of(schedule), clock.instant());
        if (!pass.fire(schedule, pass.now, "run now by " + by, schedule.getJobData())) {
            throw new ConflictException("overlapPolicy", "schedule '" + schedule.getName() + "' forbids overlapping runs"
                    + " and its previous run " + pass.open.get(scheduleId) + " is still open");
        }
        return pass.queue().get(0);
    }

    /** Fires every enabled EVENT schedule that follows this event; returns the queued entries' ids. */
    @Transactional
    public List<Long> fireEvent(EventType type, String subject, String eventData) {
        if (!schedulerSwitch.isEnabled()) {
            LOG.info(() -> "event " + type + " '" + subject + "' ignored: the scheduler is switched off");
            return List.of();
        }
        List<Schedule> followers = em.createQuery("select s from Schedule s where s.enabled = true and s.type = :event"
                        + " and s.eventType = :type order by s.id", Schedule.class)
                .setParameter("event", ScheduleType.EVENT)
                .setParameter("type", type)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream().filter(s -> EventMatcher.matches(type, s.getEventSource(), subject)).toList();
        Pass pass = new Pass(followers, clock.instant());
        for (Schedule schedule : followers) {
            pass.fire(schedule, pass.now, type + " " + subject, EventMatcher.jobData(schedule.getJobData(), type, subject, eventData));
        }
        return pass.queue();
    }

    private BusinessCalendar calendar(Long id, Map<Long, BusinessCalendar> cache) {
        if (id == null) {
            return null;
        }
        return cache.computeIfAbsent(id, key -> {
            HolidayCalendar stored = em.find(HolidayCalendar.class, key);
            if (stored == null) {
                throw new IllegalStateException("calendar " + key + " does not exist");
            }
            return stored.toBusinessCalendar();
        });
    }

    /** One fire the pass will queue. */
    private record Pending(Schedule schedule, Instant due, FireOutcome outcome, String note, String jobData) {
    }

    /**
     * The fires of one transaction: each decided on its own (overlap policy against the runs open before the pass
     * and the fires queued by it), then queued together and recorded with the instant the insert started.
     */
    private final class Pass {
        final Instant now;
        final Map<Long, List<Long>> open;
        final List<Pending> pending = new ArrayList<>();

        Pass(List<Schedule> schedules, Instant now) {
            this.now = now;
            this.open = queue.openRunsOf(schedules.stream().filter(s -> s.getOverlapPolicy() != OverlapPolicy.ALLOW)
                    .map(Schedule::getId).toList());
        }

        /** Decides one fire by {@link OverlapRules}; false when the overlap policy skipped it (recorded). */
        boolean fire(Schedule schedule, Instant due, String note, String jobData) {
            List<Long> openRuns = open.getOrDefault(schedule.getId(), List.of());
            Pending earlier = pending.stream().filter(p -> p.schedule() == schedule).reduce((a, b) -> b).orElse(null);
            OverlapRules.Decision decision = OverlapRules.decide(schedule.getOverlapPolicy(), openRuns,
                    earlier == null ? null : earlier.due(), earlier == null ? null : earlier.note(), due, note);
            if (!decision.queue()) {
                record(schedule, due, now, decision.outcome(), null, decision.note());
                LOG.info(() -> "schedule " + schedule.getId() + " '" + schedule.getName() + "' skipped its fire of "
                        + due + ": " + decision.note());
                return false;
            }
            if (decision.dropsEarlier()) {
                pending.remove(earlier);
                record(schedule, earlier.due(), now, FireOutcome.SKIPPED_OVERLAP, null, decision.earlierNote());
            }
            for (long id : decision.cancel()) {
                queue.cancel(id, "replaced by the fire of " + due + " of schedule '" + schedule.getName() + "'");
            }
            if (!decision.cancel().isEmpty()) {
                open.remove(schedule.getId());
            }
            pending.add(new Pending(schedule, due, decision.outcome(), decision.note(), jobData));
            return true;
        }

        /** Queues every pending fire in one go and records them; returns the entries' ids in order. */
        List<Long> queue() {
            if (pending.isEmpty()) {
                return List.of();
            }
            Instant insertStart = clock.instant();
            List<Long> entries = queue.addForSchedules(pending.stream().map(p -> new ScheduledRun(p.schedule().getJobId(),
                    p.schedule().getId(), p.due(), p.schedule().getPriority(), p.jobData(), p.schedule().getPurpose())).toList());
            for (int i = 0; i < pending.size(); i++) {
                Pending fire = pending.get(i);
                long entry = entries.get(i);
                fire.schedule().fired(insertStart);
                record(fire.schedule(), fire.due(), insertStart, fire.outcome(), entry, fire.note());
                LOG.info(() -> "schedule " + fire.schedule().getId() + " '" + fire.schedule().getName() + "' fired for "
                        + fire.due() + ": queue entry " + entry + " (job " + fire.schedule().getJobId() + ")");
            }
            return entries;
        }

        void record(Schedule schedule, Instant due, Instant at, FireOutcome outcome, Long entry, String note) {
            Instant dueAt = due == null ? at : due;
            em.persist(new ScheduleFire(schedule.getId(), dueAt, at, outcome, entry, node.id(), note));
            fireRecorded.fire(new FireRecorded(schedule.getId(), schedule.getType(), outcome, dueAt, at));
        }
    }
}
