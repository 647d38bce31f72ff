package io.backupscheduler.schedule;

import io.backupscheduler.audit.AuditLog;
import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Business calendars: created, changed, removed (not while a schedule uses one) and filled from iCalendar files.
 * A change moves the next fire of the schedules that use the calendar.
 */
@ApplicationScoped
@Transactional
public class CalendarService {
    private static final Logger LOG = Logger.getLogger(CalendarService.class.getName());
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<ScheduleChanged> changed;

    @Inject
    ScheduleService schedules;

    /** What a client asks a calendar to be. */
    public record CalendarSpec(String name, String description, String zone, List<DayOfWeek> weekend,
                               List<HolidaySpec> holidays, Long version) {
    }

    /** A holiday as clients give it: a date, whether it repeats every year, and a name. */
    public record HolidaySpec(java.time.LocalDate date, Boolean yearly, String name) {
    }

    /** The outcome of an import: how many holidays were new and what the file held that is not a holiday. */
    public record Imported(HolidayCalendar calendar, int added, List<String> skipped) {
    }

    @Inject
    AuditLog audit;

    public HolidayCalendar create(CalendarSpec spec) {
        HolidayCalendar calendar = new HolidayCalendar(spec == null ? null : spec.name());
        apply(calendar, spec, null);
        em.persist(calendar);
        em.flush();
        audit.record("calendar.create", "calendar", calendar.getId(), calendar.getName(), null, specOf(calendar));
        LOG.info(() -> "created calendar " + calendar.getId() + " '" + calendar.getName() + "'");
        return calendar;
    }

    public HolidayCalendar update(long id, CalendarSpec spec) {
        HolidayCalendar calendar = get(id);
        if (spec != null && spec.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the calendar you edited");
        }
        if (spec != null && spec.version() != calendar.getVersion()) {
            throw new ConflictException("version", "calendar " + id + " was changed by someone else: reload it and try again");
        }
        CalendarSpec before = specOf(calendar);
        apply(calendar, spec, id);
        em.flush();
        audit.record("calendar.update", "calendar", id, calendar.getName(), before, specOf(calendar));
        rescheduleUsersOf(id);
        LOG.info(() -> "updated calendar " + id + " '" + calendar.getName() + "'");
        return calendar;
    }

    public void delete(long id) {
        HolidayCalendar calendar = get(id);
        List<String> users = em.createQuery("select s.name from Schedule s where s.calendarId = :id order by s.name", String.class)
                .setParameter("id", id).setMaxResults(10).getResultList();
        if (!users.isEmpty()) {
            throw new ConflictException("id", "calendar '" + calendar.getName() + "' is used by schedules " + users
                    + "; change them first");
        }
        audit.record("calendar.delete", "calendar", id, calendar.getName(), specOf(calendar), null);
        em.remove(calendar);
        LOG.info(() -> "deleted calendar " + id + " '" + calendar.getName() + "'");
    }

    /** A calendar as a spec: what the audit log keeps before and after a change. */
    static CalendarSpec specOf(HolidayCalendar calendar) {
        return new CalendarSpec(calendar.getName(), calendar.getDescription(), calendar.getZone(), List.copyOf(calendar.getWeekend()),
                calendar.getHolidays().stream().map(h -> new HolidaySpec(h.getDate(), h.isYearly(), h.getName())).toList(),
                calendar.getVersion());
    }

    /** Adds the all-day events of an iCalendar file as holidays. */
    public Imported importIcs(long id, String ics) {
        HolidayCalendar calendar = get(id);
        if (ics == null || ics.isBlank()) {
            throw InvalidInputException.of("body", "is required: an iCalendar (.ics) file");
        }
        IcsHolidays.Result result;
        try {
            result = IcsHolidays.parse(ics);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("body", e.getMessage());
        }
        int added = calendar.addHolidays(result.holidays());
        em.flush();
        rescheduleUsersOf(id);
        LOG.info(() -> "imported " + added + " holidays into calendar " + id + " '" + calendar.getName() + "'");
        return new Imported(calendar, added, result.skipped());
    }

    public HolidayCalendar get(long id) {
        HolidayCalendar calendar = em.find(HolidayCalendar.class, id);
        if (calendar == null) {
            throw new NoSuchEntityException("calendar", id);
        }
        return calendar;
    }

    public List<HolidayCalendar> list() {
        return em.createQuery("select c from HolidayCalendar c order by c.name", HolidayCalendar.class).getResultList();
    }

    private void apply(HolidayCalendar calendar, CalendarSpec spec, Long id) {
        if (spec == null) {
            throw InvalidInputException.of("body", "is required: a calendar as JSON");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = spec.name() == null ? "" : spec.name().strip();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "is required: 1 to 100 letters, digits, spaces, '.', '_' or '-'"));
        }
        if (spec.description() != null && spec.description().length() > 1000) {
            errors.add(new FieldError("description", "must be at most 1000 characters"));
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(spec.zone() == null || spec.zone().isBlank() ? "UTC" : spec.zone().strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("zone", "'" + spec.zone() + "' is not a time zone; use an IANA name such as Europe/Berlin"));
        }
        Set<DayOfWeek> weekend = spec.weekend() == null ? EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
                : spec.weekend().isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(spec.weekend());
        if (spec.weekend() != null && spec.weekend().contains(null)) {
            errors.add(new FieldError("weekend", "must name days such as SATURDAY"));
        } else if (weekend.size() == 7) {
            errors.add(new FieldError("weekend", "must leave at least one working day"));
        }
        List<HolidaySpec> given = spec.holidays() == null ? List.of() : spec.holidays();
        List<Holiday> holidays = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            HolidaySpec h = given.get(i);
            if (h == null || h.date() == null) {
                errors.add(new FieldError("holidays[" + i + "].date", "is required, as YYYY-MM-DD"));
            } else if (h.name() != null && h.name().length() > 200) {
                errors.add(new FieldError("holidays[" + i + "].name", "must be at most 200 characters"));
            } else {
                holidays.add(new Holiday(h.date(), Boolean.TRUE.equals(h.yearly()), h.name()));
            }
        }
        if (holidays.size() > IcsHolidays.MAX_DAYS) {
            errors.add(new FieldError("holidays", "may have at most " + IcsHolidays.MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<Long> same = em.createQuery("select c.id from HolidayCalendar c where lower(c.name) = lower(:name)", Long.class)
                .setParameter("name", name).getResultList();
        if (same.stream().anyMatch(other -> !other.equals(id))) {
            throw new ConflictException("name", "a calendar named '" + name + "' already exists");
        }
        if (id != null && !zone.getId().equals(calendar.getZone())) {
            // schedules on this calendar run in its zone
            em.createQuery("update Schedule s set s.zone = :zone where s.calendarId = :id")
                    .setParameter("zone", zone.getId()).setParameter("id", id).executeUpdate();
        }
        calendar.apply(name, spec.description(), zone, weekend, holidays);
    }

    /** Schedules on a changed calendar get their next fire time again, from now. */
    private void rescheduleUsersOf(long calendarId) {
        for (Long scheduleId : em.createQuery("select s.id from Schedule s where s.calendarId = :id", Long.class)
                .setParameter("id", calendarId).getResultList()) {
            schedules.recompute(scheduleId);
        }
        changed.fire(new ScheduleChanged(null));
    }
}
