package io.backupscheduler.schedule;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.BackupJob;
import io.backupscheduler.paging.Page;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.queue.RunPurpose;
import io.backupscheduler.persistence.CappedCount;
import io.backupscheduler.persistence.ConstraintViolations;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Schedule definitions: creates, changes, pauses, resumes and removes schedules, and finds them. Each change is
 * validated as a whole, computes the next fire time ({@link ScheduleTimeline}) and runs in one transaction; the
 * wake-up is re-armed once it commits. What a schedule will do is {@link ScheduleTimeline}'s, what looks risky
 * about it {@link ScheduleWarnings}'.
 */
@ApplicationScoped
@Transactional
public class ScheduleService {
    private static final Logger LOG = Logger.getLogger(ScheduleService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<ScheduleChanged> changed;

    @Inject
    AuditLog audit;

    @Inject
    ScheduleTimeline timeline;

    @Inject
    ScheduleWarnings warnings;

    private final Clock clock = Clock.systemUTC();

    /** A saved schedule with the warnings found about it (never errors: it was saved). */
    public record Saved(Schedule schedule, List<String> warnings) {
    }

    public Saved create(ScheduleSpec spec) {
        HolidayCalendar calendar = validate(spec);
        requireUniqueName(spec.getName().strip(), null);
        Schedule schedule = new Schedule(spec.getName().strip());
        schedule.apply(spec, timeline.zoneFor(spec, calendar));
        schedule.nextFireAt(timeline.firstFireAfter(schedule, calendar, clock.instant()));
        em.persist(schedule);
        flushOrConflict(schedule.getName());
        audit.record("schedule.create", "schedule", schedule.getId(), schedule.getName(), null, ScheduleSpec.of(schedule));
        changed.fire(new ScheduleChanged(schedule.getId()));
        LOG.info(() -> "created schedule " + schedule.getId() + " '" + schedule.getName() + "' (" + schedule.getType()
                + ") for job " + schedule.getJobId() + ", next fire " + schedule.getNextFireAt());
        return new Saved(schedule, warnings.of(schedule, calendar));
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
        schedule.apply(spec, timeline.zoneFor(spec, calendar));
        // a changed rule starts afresh from now: fires the old rule missed are not the new rule's to catch up
        schedule.nextFireAt(timeline.firstFireAfter(schedule, calendar, clock.instant()));
        flushOrConflict(schedule.getName());
        audit.record("schedule.update", "schedule", id, schedule.getName(), before, ScheduleSpec.of(schedule));
        changed.fire(new ScheduleChanged(id));
        LOG.info(() -> "updated schedule " + id + " '" + schedule.getName() + "' to version " + schedule.getVersion());
        return new Saved(schedule, warnings.of(schedule, calendar));
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
            schedule.nextFireAt(timeline.firstFireAfter(schedule, timeline.calendarOf(schedule), clock.instant()));
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
            schedule.nextFireAt(timeline.firstFireAfter(schedule, timeline.calendarOf(schedule), clock.instant()));
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
        if (spec.getPurpose() == RunPurpose.RESTORE) {
            errors.add(new FieldError("purpose", "a schedule queues BACKUP runs or restore DRILLs; a restore is asked for once"));
        }
        errors.addAll(ScheduleRules.check(spec, calendar == null ? null : ZoneId.of(calendar.getZone())));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidInputException(errors);
        }
        return calendar;
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
