package io.backupscheduler.lib.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which days are business days, in a time zone: not a weekend day, not a one-off holiday, not a yearly holiday.
 * Immutable.
 */
public final class BusinessCalendar {
    private final String name;
    private final ZoneId zone;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final Set<MonthDay> yearlyHolidays;

    public BusinessCalendar(String name, ZoneId zone, Set<DayOfWeek> weekend, Set<LocalDate> holidays,
                            Set<MonthDay> yearlyHolidays) {
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (weekend.size() >= 7) {
            throw new IllegalArgumentException("weekend: at least one day of the week must be a working day");
        }
        this.weekend = weekend.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekend));
        this.holidays = Set.copyOf(holidays);
        this.yearlyHolidays = Set.copyOf(yearlyHolidays);
    }

    /** A calendar with a Saturday-Sunday weekend and no holidays. */
    public static BusinessCalendar standard(String name, ZoneId zone) {
        return new BusinessCalendar(name, zone, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
    }

    public boolean isBusinessDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !isHoliday(date);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
    }

    /** The last business day of the month; empty when every day of it is a weekend day or holiday. */
    public Optional<LocalDate> lastBusinessDay(YearMonth month) {
        for (LocalDate day = month.atEndOfMonth(); day.getMonth() == month.getMonth(); day = day.minusDays(1)) {
            if (isBusinessDay(day)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<DayOfWeek> weekend() {
        return weekend;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public Set<MonthDay> yearlyHolidays() {
        return yearlyHolidays;
    }
}
