package io.backupscheduler.schedule;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.persistence.CappedCount;
import io.backupscheduler.persistence.ConstraintViolations;
import io.backupscheduler.schedule.calendar.BusinessCalendar;
import io.backupscheduler.schedule.calendar.FireRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, changes, pauses, resumes and removes schedules, and answers "when does it fire next" and "what fires
 * when". Each change is validated as a whole, computes the next fire time and runs in one transaction; the
 * wake-up is re-armed once it commits.
 */
@ApplicationScoped
@Transactional
public class ScheduleService {
    private static final Logger LOG = Logger.getLogger(ScheduleService.class.getName());

    /** How far ahead conflicts are looked for, and at most how many fires of each schedule. */
    private static final Duration CONFLICT_HORIZON = Duration.ofDays(7);
    private static final int CONFLICT_FIRES = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<ScheduleChanged> changed;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "backup.schedule.default-zone", defaultValue = "UTC")
    String defaultZone;

    private final Clock clock = Clock.systemUTC();

    /** A saved schedule with the warnings found about it (never errors: it was saved). */
    public record Saved(Schedule schedule, List<String> warnings) {
    }

    public Saved create(ScheduleSpec spec) {
        HolidayCalendar calendar = validate(spec);
        requireUniqueName(spec.getName().strip(), null);
        Schedule schedule = new Schedule(spec.getName().strip());
        schedule.apply(spec, zoneFor(spec, calendar));
        schedule.nextFireAt(firstFireAfter(schedule, calendar, clock.instant()));
        em.persist(schedule);
        flushOrConflict(schedule.getName());
        audit.record("schedule.create", "schedule", schedule.getId(), schedule.getName(), null, ScheduleSpec.of(schedule));
        changed.fire(new ScheduleChanged(schedule.getId()));
        LOG.info(() -> "created schedule " + schedule.getId() + " '" + schedule.getName() + "' (" + schedule.getType()
                + ") for job " + schedule.getJobId() + ", next fire " + schedule.getNextFireAt());
        return new Saved(schedule, warnings(schedule, calendar));
    }

    public Saved update(long id, ScheduleSpec spec) {
        HolidayCalendar calendar = validate(spec);
        if (spec.getVersion() == null) {
            throw InvalidInputException.of("version", "is required: the version of the schedule you edited");
        }
        Schedule schedule = get(id);
        if (schedule.getVersion() != spec.getVersion()) {
            throw new ConflictException("version", "schedule " + id + " was changed by someone else (version "
                    + schedule.getVersion() + ", you edited version " + spec.getVersion() + "): reload it and try again");
        }
        requireUniqueName(spec.getName().strip(), id);
        ScheduleSpec before = ScheduleSpec.of(schedule);
        schedule.apply(spec, zoneFor(spec, calendar));
        // a changed rule starts afresh from now: fires the old rule missed are not the new rule's to catch up
        schedule.nextFireAt(firstFireAfter(schedule, calendar, clock.instant()));
        flushOrConflict(schedule.getName());
        audit.record("schedule.update", "schedule", id, schedule.getName(), before, ScheduleSpec.of(schedule));
        changed.fire(new ScheduleChanged(id));
        LOG.info(() -> "updated schedule " + id + " '" + schedule.getName() + "' to version " + schedule.getVersion());
        return new Saved(schedule, warnings(schedule, calendar));
    }

    public void delete(long id) {
        Schedule schedule = get(id);
        ScheduleSpec before = ScheduleSpec.of(schedule);
        em.remove(schedule);
        em.flush();
        audit.record("schedule.delete", "schedule", id, schedule.getName(), before, null);
        changed.fire(new ScheduleChanged(id));
        LOG.info(() -> "deleted schedule " + id + " '" + schedule.getName() + "'");
    }

    /** Stops a schedule firing; its next fire time is kept, so resuming applies the misfire policy. */
    public Schedule pause(long id) {
        Schedule schedule = locked(id);
        schedule.setEnabled(false);
        em.flush();
        audit.record("schedule.pause", "schedule", id, schedule.getName(), null, null);
        changed.fire(new ScheduleChanged(id));
        LOG.info(() -> "paused schedule " + id + " '" + schedule.getName() + "'");
        return schedule;
    }

    /** Lets a paused schedule fire again; fires missed while paused follow its misfire policy at the next wake-up. */
    public Schedule resume(long id) {
        Schedule schedule = locked(id);
        schedule.setEnabled(true);
        if (schedule.getType().isTimed() && schedule.getNextFireAt() == null) {
            schedule.nextFireAt(firstFireAfter(schedule, calendarOf(schedule), clock.instant()));
        }
        em.flush();
        audit.record("schedule.resume", "schedule", id, schedule.getName(), null, null);
        changed.fire(new ScheduleChanged(id));
        LOG.info(() -> "resumed schedule " + id + " '" + schedule.getName() + "'");
        return schedule;
    }

    /** Computes a timed schedule's next fire again from now (its calendar changed). */
    public void recompute(long id) {
        Schedule schedule = get(id);
        if (schedule.getType().isTimed()) {
            schedule.nextFireAt(firstFireAfter(schedule, calendarOf(schedule), clock.instant()));
        }
    }

    /**
     * The schedule, its row locked for this transaction: pause and resume carry no version the caller saw, so they
     * wait for a firing pass that holds the row instead of failing on its version (a 409 for a plain pause).
     */
    private Schedule locked(long id) {
        Schedule schedule = em.find(Schedule.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (schedule == null) {
            throw new NoSuchEntityException("schedule", id);
        }
        return schedule;
    }

    public Schedule get(long id) {
        Schedule schedule = em.find(Schedule.class, id);
        if (schedule == null) {
            throw new NoSuchEntityException("schedule", id);
        }
        return schedule;
    }

    public Page<Schedule> search(Long jobId, ScheduleType type, Boolean enabled, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        StringBuilder sqlWhere = new StringBuilder(" where 1 = 1"); // the same filter for the capped count
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (jobId != null) {
            where.append(" and s.jobId = :job");
            sqlWhere.append(" and job_id = :job");
            parameters.put("job", jobId);
        }
        if (type != null) {
            where.append(" and s.type = :type");
            sqlWhere.append(" and type = :type");
            parameters.put("type", type);
        }
        if (enabled != null) {
            where.append(" and s.enabled = :enabled");
            sqlWhere.append(" and enabled = :enabled");
            parameters.put("enabled", enabled);
        }
        var select = em.createQuery("select s from Schedule s" + where + " order by s.name, s.id", Schedule.class);
        parameters.forEach(select::setParameter);
        List<Schedule> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.counted(items, CappedCount.count(em, "schedule", sqlWhere.toString(), parameters), CappedCount.CAP,
                page.page(), page.size());
    }

    /** The schedule's next fires after {@code from}, in its zone; empty for event schedules. */
    public List<ZonedDateTime> nextFires(long id, Instant from, int count) {
        Schedule schedule = get(id);
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
        get(id);
        return em.createQuery("select f from ScheduleFire f where f.scheduleId = :id order by f.firedAt desc, f.id desc",
                ScheduleFire.class).setParameter("id", id).setMaxResults(max).getResultList();
    }

    private List<ZonedDateTime> nextFires(Schedule schedule, HolidayCalendar calendar, Instant from, int count) {
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

    private Instant firstFireAfter(Schedule schedule, HolidayCalendar calendar, Instant from) {
        return nextFires(schedule, calendar, from, 1).stream().findFirst().map(ZonedDateTime::toInstant).orElse(null);
    }

    private HolidayCalendar calendarOf(Schedule schedule) {
        return schedule.getCalendarId() == null ? null : em.find(HolidayCalendar.class, schedule.getCalendarId());
    }

    private String zoneFor(ScheduleSpec spec, HolidayCalendar calendar) {
        if (calendar != null) {
            return calendar.getZone();
        }
        return spec.getZone() == null || spec.getZone().isBlank() ? defaultZone : spec.getZone().strip();
    }

    /** Checks the spec as a whole; returns its calendar, if it names one. */
    private HolidayCalendar validate(ScheduleSpec spec) {
        if (spec == null) {
            throw InvalidInputException.of("body", "is required: a schedule as JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ScheduleSpec> v : validator.validate(spec)) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (spec.getJobId() != null && em.find(BackupJob.class, spec.getJobId()) == null) {
            errors.add(new FieldError("jobId", "job " + spec.getJobId() + " does not exist"));
        }
        HolidayCalendar calendar = null;
        if (spec.getCalendarId() != null) {
            calendar = em.find(HolidayCalendar.class, spec.getCalendarId());
            if (calendar == null) {
                errors.add(new FieldError("calendarId", "calendar " + spec.getCalendarId() + " does not exist"));
            }
        }
        if (spec.getData() != null && !spec.getData().isBlank()) {
            try (var reader = Json.createReader(new StringReader(spec.getData()))) {
                reader.readObject();
            } catch (RuntimeException e) { // JsonException, and the plain RuntimeException Parsson throws past 1000 levels
                errors.add(new FieldError("data", "must be a JSON object, e.g. {\"full\": true}"));
            }
        }
        errors.addAll(ScheduleRules.check(spec, calendar == null ? null : ZoneId.of(calendar.getZone())));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInputException(errors);
        }
        return calendar;
    }

    /**
     * Warnings, not errors: another enabled schedule of a job with the same target fires in the same minute, or
     * the job's recent runs last longer than the gap between two fires (runs would overlap).
     */
    List<String> warnings(Schedule schedule, HolidayCalendar calendar) {
        List<String> warnings = new ArrayList<>();
        if (!schedule.getType().isTimed()) {
            return warnings;
        }
        Instant now = clock.instant();
        Instant horizon = now.plus(CONFLICT_HORIZON);
        List<Instant> mine = nextFires(schedule, calendar, now, CONFLICT_FIRES).stream().map(ZonedDateTime::toInstant)
                .filter(t -> !t.isAfter(horizon)).toList();
        if (mine.isEmpty()) {
            warnings.add("it does not fire in the next " + CONFLICT_HORIZON.toDays() + " days");
            return warnings;
        }
        Set<Instant> myMinutes = new java.util.HashSet<>();
        mine.forEach(t -> myMinutes.add(t.truncatedTo(ChronoUnit.MINUTES)));
        BackupJob job = em.find(BackupJob.class, schedule.getJobId());
        List<Schedule> sameTarget = em.createQuery("select s from Schedule s, BackupJob j where s.jobId = j.id"
                        + " and j.targetPath = :target and s.enabled = true and s.type <> :event and s.id <> :me", Schedule.class)
                .setParameter("target", job.getTargetPath())
                .setParameter("event", ScheduleType.EVENT)
                .setParameter("me", schedule.getId())
                .setMaxResults(50)
                .getResultList();
        for (Schedule other : sameTarget) {
            Optional<Instant> clash = nextFires(other, calendarOf(other), now, CONFLICT_FIRES).stream()
                    .map(ZonedDateTime::toInstant).filter(t -> !t.isAfter(horizon))
                    .filter(t -> myMinutes.contains(t.truncatedTo(ChronoUnit.MINUTES))).findFirst();
            clash.ifPresent(t -> warnings.add("schedule '" + other.getName() + "' also writes to " + job.getTargetPath()
                    + " and fires in the same minute, first at " + t));
        }
        Optional<Duration> typical = typicalRunTime(schedule.getJobId());
        if (typical.isPresent() && mine.size() > 1) {
            Duration shortestGap = null;
            for (int i = 1; i < mine.size(); i++) {
                Duration gap = Duration.between(mine.get(i - 1), mine.get(i));
                shortestGap = shortestGap == null || gap.compareTo(shortestGap) < 0 ? gap : shortestGap;
            }
            if (shortestGap != null && typical.get().compareTo(shortestGap) > 0) {
                warnings.add("the job's recent runs take about " + typical.get().toSeconds() + " s, longer than the "
                        + shortestGap.toSeconds() + " s between two fires: runs would overlap (overlap policy "
                        + schedule.getOverlapPolicy() + ")");
            }
        }
        return warnings;
    }

    /** The median duration of the job's last ten finished attempts. */
    private Optional<Duration> typicalRunTime(long jobId) {
        List<Object[]> rows = em.createQuery("select a.startedAt, a.finishedAt from QueueAttempt a, QueueEntry e"
                        + " where a.entryId = e.id and e.job.id = :job and a.finishedAt is not null order by a.finishedAt desc",
                        Object[].class)
                .setParameter("job", jobId).setMaxResults(10).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> durations = rows.stream().map(r -> Duration.between((Instant) r[0], (Instant) r[1])).sorted().toList();
        return Optional.of(durations.get(durations.size() / 2));
    }

    private void requireUniqueName(String name, Long except) {
        List<Long> same = em.createQuery("select s.id from Schedule s where lower(s.name) = lower(:name)", Long.class)
                .setParameter("name", name).getResultList();
        if (same.stream().anyMatch(id -> !id.equals(except))) {
            throw new ConflictException("name", "a schedule named '" + name + "' already exists");
        }
    }

    private void flushOrConflict(String name) {
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new ConflictException("version", "the schedule was changed by someone else: reload it and try again");
        } catch (PersistenceException e) {
            if (ConstraintViolations.isUniqueViolation(e)) {
                throw new ConflictException("name", "a schedule named '" + name + "' already exists");
            }
            throw e;
        }
    }
}
