package io.backupscheduler.schedule;

import io.backupscheduler.persistence.Timestamped;
import io.backupscheduler.lib.calendar.BusinessCalendar;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A stored business calendar: its zone, weekend days and holidays. Schedules read it as a {@link BusinessCalendar}. */
@Entity
@Table(name = "business_calendar")
public class HolidayCalendar extends Timestamped {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "business_calendar_seq")
    @SequenceGenerator(name = "business_calendar_seq", sequenceName = "business_calendar_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 100, unique = true)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(nullable = false, length = 64)
    private String zone;

    @Column(name = "weekend_days", nullable = false, length = 100)
    private String weekendDays;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "calendar_holiday", joinColumns = @JoinColumn(name = "calendar_id"))
    private Set<Holiday> holidays = new HashSet<>();

    protected HolidayCalendar() {
    }

    public HolidayCalendar(String name) {
        this.name = name;
    }

    void apply(String name, String description, ZoneId zone, Set<DayOfWeek> weekend, Collection<Holiday> holidays) {
        this.name = name;
        this.description = description;
        this.zone = zone.getId();
        this.weekendDays = weekend.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        this.holidays.clear();
        this.holidays.addAll(holidays);
    }

    /** Adds holidays not there yet; returns how many were new. */
    int addHolidays(Collection<Holiday> more) {
        int before = holidays.size();
        holidays.addAll(more);
        return holidays.size() - before;
    }

    public BusinessCalendar toBusinessCalendar() {
        Set<LocalDate> once = new HashSet<>();
        Set<MonthDay> yearly = new HashSet<>();
        for (Holiday holiday : holidays) {
            if (holiday.isYearly()) {
                yearly.add(MonthDay.from(holiday.getDate()));
            } else {
                once.add(holiday.getDate());
            }
        }
        return new BusinessCalendar(name, ZoneId.of(zone), getWeekend(), once, yearly);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getZone() {
        return zone;
    }

    public Set<DayOfWeek> getWeekend() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (weekendDays != null && !weekendDays.isBlank()) {
            Arrays.stream(weekendDays.split(",")).map(DayOfWeek::valueOf).forEach(days::add);
        }
        return days;
    }

    /** Holidays by date, one-off and yearly alike. */
    public List<Holiday> getHolidays() {
        return holidays.stream().sorted(java.util.Comparator.comparing(Holiday::getDate).thenComparing(Holiday::isYearly)).toList();
    }
}
