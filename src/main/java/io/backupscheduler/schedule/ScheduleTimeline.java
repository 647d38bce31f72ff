package io.backupscheduler.schedule;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.lib.calendar.FireRule;
import io.backupscheduler.settings.SharedSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's time line: when it fires next, what its rule says in English, what a spec would do before it is
 * saved (the console's live preview), what fires in a window across all schedules, and what fired. Reads only.
 */
@ApplicationScoped
@Transactional
public class ScheduleTimeline {
    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    SharedSettings settings;

    private final Clock clock = Clock.systemUTC();

    /** The schedule's next fires after {@code from}, in its zone; empty for event schedules. */
    public List<ZonedDateTime> nextFires(long id, Instant from, int count) {
        Schedule schedule = schedule(id);
        return nextFires(schedule, calendarOf(schedule), from, count);
    }

    /** What the rule says, in English. */
    public String describe(Schedule schedule) {
        if (!schedule.getType().isTimed()) {
            return "On " + schedule.getEventType() + " events matching " + schedule.getEventSource();
        }
        HolidayCalendar calendar = calendarOf(schedule);
        return ScheduleRules.ruleOf(schedule, calendar == null ? null : calendar.toBusinessCalendar())
                .map(FireRule::describe).orElse("");
    }

    /** What a spec would do, for the console's live preview: its description and next fires, or why not. */
    public record Preview(String description, List<ZonedDateTime> fires, List<FieldError> errors) {
    }

    /** Describes a spec and lists its next fires without saving anything. */
    public Preview preview(ScheduleSpec spec, int count) {
        List<FieldError> errors = new ArrayList<>();
        HolidayCalendar calendar = spec.getCalendarId() == null ? null : em.find(HolidayCalendar.class, spec.getCalendarId());
        if (spec.getType() == null) {
            errors.add(new FieldError("type", "is required"));
        } else {
            errors.addAll(ScheduleRules.check(spec, calendar == null ? null : ZoneId.of(calendar.getZone())));
        }
        for (ConstraintViolation<ScheduleSpec> v : validator.validateProperty(spec, "timeOfDay")) {
            errors.add(new FieldError("timeOfDay", v.getMessage()));
        }
        if (!errors.isEmpty()) {
            return new Preview(null, List.of(), errors);
        }
        Schedule draft = new Schedule(spec.getName() == null ? "" : spec.getName());
        draft.apply(spec, zoneFor(spec, calendar));
        if (!draft.getType().isTimed()) {
            return new Preview("On " + draft.getEventType() + " events matching " + draft.getEventSource(), List.of(), errors);
        }
        FireRule rule = ScheduleRules.ruleOf(draft, calendar == null ? null : calendar.toBusinessCalendar()).orElseThrow();
        return new Preview(rule.describe(), nextFires(draft, calendar, clock.instant(), count), errors);
    }

    /** One fire in a forecast. */
    public record Forecast(long scheduleId, String scheduleName, long jobId, Instant at) {
    }

    /** The enabled schedules that fire next, each with its next fire time (read from the stored column, indexed). */
    public List<Forecast> upcoming(int max) {
        return em.createQuery("select s.id, s.name, s.jobId, s.nextFireAt from Schedule s where s.enabled = true"
                        + " and s.nextFireAt is not null order by s.nextFireAt, s.id", Object[].class)
                .setMaxResults(max).getResultList().stream()
                .map(r -> new Forecast((Long) r[0], (String) r[1], (Long) r[2], (Instant) r[3])).toList();
    }

    /** Every fire of the enabled timed schedules in [from, to], earliest first, at most {@code max}. */
    public List<Forecast> forecast(Instant from, Instant to, int max) {
        List<Forecast> fires = new ArrayList<>();
        for (Schedule schedule : em.createQuery("select s from Schedule s where s.enabled = true and s.type <> :event"
                + " order by s.id", Schedule.class).setParameter("event", ScheduleType.EVENT).getResultList()) {
            for (ZonedDateTime fire : nextFires(schedule, calendarOf(schedule), from.minusNanos(1), max)) {
                if (fire.toInstant().isAfter(to)) {
                    break;
                }
                fires.add(new Forecast(schedule.getId(), schedule.getName(), schedule.getJobId(), fire.toInstant()));
            }
        }
        fires.sort(Comparator.comparing(Forecast::at).thenComparing(Forecast::scheduleId));
        return fires.size() > max ? fires.subList(0, max) : fires;
    }

    /** The schedule's fire history, newest first. */
    public List<ScheduleFire> fires(long id, int max) {
        schedule(id);
        return em.createQuery("select f from ScheduleFire f where f.scheduleId = :id order by f.firedAt desc, f.id desc",
                ScheduleFire.class).setParameter("id", id).setMaxResults(max).getResultList();
    }

    /** Up to {@code count} fires after {@code from}, in the schedule's zone. */
    public List<ZonedDateTime> nextFires(Schedule schedule, HolidayCalendar calendar, Instant from, int count) {
        Optional<FireRule> rule = ScheduleRules.ruleOf(schedule, calendar == null ? null : calendar.toBusinessCalendar());
        List<ZonedDateTime> fires = new ArrayList<>();
        if (rule.isEmpty()) {
            return fires;
        }
        ZonedDateTime t = from.atZone(ZoneId.of(schedule.getZone()));
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = rule.get().nextAfter(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            fires.add(t);
        }
        return fires;
    }

    /** The first fire strictly after {@code from}; null when the rule never fires again (or the schedule is an event's). */
    public Instant firstFireAfter(Schedule schedule, HolidayCalendar calendar, Instant from) {
        return nextFires(schedule, calendar, from, 1).stream().findFirst().map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The schedule's holiday calendar, or null. */
    public HolidayCalendar calendarOf(Schedule schedule) {
        return schedule.getCalendarId() == null ? null : em.find(HolidayCalendar.class, schedule.getCalendarId());
    }

    /** The zone a spec's times are in: its calendar's, else its own, else the default zone. */
    public String zoneFor(ScheduleSpec spec, HolidayCalendar calendar) {
        if (calendar != null) {
            return calendar.getZone();
        }
        return spec.getZone() == null || spec.getZone().isBlank() ? settings.defaultZoneName() : spec.getZone().strip();
    }

    private Schedule schedule(long id) {
        Schedule schedule = em.find(Schedule.class, id);
        if (schedule == null) {
            throw new NoSuchEntityException("schedule", id);
        }
        return schedule;
    }
}
