package io.backupscheduler.schedule;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.node.NodeIdentity;
import io.backupscheduler.queue.JobQueue;
import io.backupscheduler.schedule.calendar.BusinessCalendar;
import io.backupscheduler.schedule.calendar.FireRule;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns fires into queue entries. A due schedule is claimed with SKIP LOCKED, its runs queued (after its misfire
 * and overlap policies), each fire recorded and its next fire time advanced, all in one transaction (DESIGN,
 * principle 2): a second node never fires the same schedule twice, and a crash loses no fire.
 */
@ApplicationScoped
public class ScheduleFiring {
    private static final Logger LOG = Logger.getLogger(ScheduleFiring.class.getName());

    /** JPA's hint value for "skip rows another transaction has locked". */
    private static final int SKIP_LOCKED = -2;

    @PersistenceContext
    EntityManager em;

    @Inject
    JobQueue queue;

    @Inject
    SchedulerSwitch schedulerSwitch;

    @Inject
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "backup.schedule.misfire-threshold-seconds", defaultValue = "60")
    long misfireThresholdSeconds;

    @Inject
    @ConfigProperty(name = "backup.schedule.fire-batch-size", defaultValue = "200")
    int batchSize;

    private final Clock clock = Clock.systemUTC();

    /**
     * Fires up to one batch of due schedules in a transaction of its own; returns how many schedules it
     * claimed (fewer than the batch size: nothing more is due, or other nodes hold the rest).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int fireDueBatch() {
        if (!schedulerSwitch.isEnabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Schedule> due = em.createQuery("select s from Schedule s where s.enabled = true and s.nextFireAt <= :now"
                        + " order by s.nextFireAt, s.id", Schedule.class)
                .setParameter("now", now)
                .setMaxResults(batchSize)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
        Map<Long, BusinessCalendar> calendars = new HashMap<>();
        for (Schedule schedule : due) {
            fireTimed(schedule, now, calendars);
        }
        return due.size();
    }

    private void fireTimed(Schedule schedule, Instant now, Map<Long, BusinessCalendar> calendars) {
        MisfirePlanner.Plan plan;
        try {
            FireRule rule = ScheduleRules.ruleOf(schedule, calendar(schedule.getCalendarId(), calendars)).orElseThrow();
            plan = MisfirePlanner.plan(rule, ZoneId.of(schedule.getZone()), schedule.getNextFireAt(), now,
                    schedule.getMisfirePolicy(), schedule.getMisfireLimit(), Duration.ofSeconds(misfireThresholdSeconds),
                    schedule.getStartingDeadlineSeconds() == null ? null : Duration.ofSeconds(schedule.getStartingDeadlineSeconds()));
        } catch (RuntimeException e) { // a stored rule that no longer evaluates must not stall every other schedule
            LOG.log(Level.SEVERE, "schedule " + schedule.getId() + " '" + schedule.getName() + "' cannot be evaluated;"
                    + " it is paused", e);
            schedule.setEnabled(false);
            record(schedule, schedule.getNextFireAt(), now, FireOutcome.SKIPPED_MISFIRE, null,
                    "paused: the schedule could not be evaluated (" + e.getMessage() + ")");
            return;
        }
        if (plan.runs().isEmpty() && plan.dropped() > 0) {
            record(schedule, schedule.getNextFireAt(), now, FireOutcome.SKIPPED_MISFIRE, null, plan.note());
            LOG.info(() -> "schedule " + schedule.getId() + " '" + schedule.getName() + "': " + plan.note());
        }
        for (Instant fire : plan.runs()) {
            fire(schedule, fire, now, plan.note(), schedule.getJobData());
        }
        schedule.nextFireAt(plan.next().orElse(null));
    }

    /**
     * One fire of a schedule after its overlap policy: queues a run (cancelling the open ones under REPLACE) or
     * records the skip. Returns the queued entry's id, if any. Runs in the caller's transaction.
     */
    Optional<Long> fire(Schedule schedule, Instant due, Instant now, String note, String jobData) {
        List<Long> open = schedule.getOverlapPolicy() == OverlapPolicy.ALLOW ? List.of() : queue.openRunsOf(schedule.getId());
        FireOutcome outcome = FireOutcome.QUEUED;
        if (!open.isEmpty() && schedule.getOverlapPolicy() == OverlapPolicy.FORBID) {
            String why = "previous run " + open + " still open (overlap policy FORBID)";
            record(schedule, due, now, FireOutcome.SKIPPED_OVERLAP, null, note == null ? why : note + "; " + why);
            LOG.info(() -> "schedule " + schedule.getId() + " '" + schedule.getName() + "' skipped its fire of " + due + ": " + why);
            return Optional.empty();
        }
        if (!open.isEmpty()) {
            for (long id : open) {
                queue.cancel(id, "replaced by the fire of " + due + " of schedule '" + schedule.getName() + "'");
            }
            outcome = FireOutcome.REPLACED;
        }
        long entry = queue.addForSchedule(schedule.getJobId(), schedule.getId(), schedule.getPriority(), jobData);
        schedule.fired(now);
        String replaced = outcome == FireOutcome.REPLACED ? "cancelled " + open + " (overlap policy REPLACE)" : null;
        record(schedule, due, now, outcome, entry, join(note, replaced));
        LOG.info(() -> "schedule " + schedule.getId() + " '" + schedule.getName() + "' fired for " + due + ": queue entry "
                + entry + " (job " + schedule.getJobId() + ")");
        return Optional.of(entry);
    }

    /** Runs a schedule now, by hand: its overlap policy still holds (409 when FORBID finds an open run). */
    @Transactional
    public long runNow(long scheduleId, String by) {
        Schedule schedule = em.find(Schedule.class, scheduleId, LockModeType.PESSIMISTIC_WRITE);
        if (schedule == null) {
            throw new io.backupscheduler.errors.NoSuchEntityException("schedule", scheduleId);
        }
        Instant now = clock.instant();
        return fire(schedule, now, now, "run now by " + by, schedule.getJobData())
                .orElseThrow(() -> new ConflictException("overlapPolicy", "schedule '" + schedule.getName()
                        + "' forbids overlapping runs and its previous run " + queue.openRunsOf(scheduleId)
                        + " is still open"));
    }

    /** Fires every enabled EVENT schedule that follows this event; returns the queued entries' ids. */
    @Transactional
    public List<Long> fireEvent(EventType type, String subject, String eventData) {
        List<Long> queued = new ArrayList<>();
        if (!schedulerSwitch.isEnabled()) {
            LOG.info(() -> "event " + type + " '" + subject + "' ignored: the scheduler is switched off");
            return queued;
        }
        Instant now = clock.instant();
        List<Schedule> followers = em.createQuery("select s from Schedule s where s.enabled = true and s.type = :event"
                        + " and s.eventType = :type order by s.id", Schedule.class)
                .setParameter("event", ScheduleType.EVENT)
                .setParameter("type", type)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (Schedule schedule : followers) {
            if (EventMatcher.matches(type, schedule.getEventSource(), subject)) {
                fire(schedule, now, now, type + " " + subject, EventMatcher.jobData(schedule.getJobData(), type, subject, eventData))
                        .ifPresent(queued::add);
            }
        }
        return queued;
    }

    private void record(Schedule schedule, Instant due, Instant now, FireOutcome outcome, Long entry, String note) {
        em.persist(new ScheduleFire(schedule.getId(), due == null ? now : due, now, outcome, entry, node.id(), note));
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

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
