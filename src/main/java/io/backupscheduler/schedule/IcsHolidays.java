package io.backupscheduler.schedule;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Reads holidays from an iCalendar file (ical4j): each all-day event is a holiday on each of its days; an
 * all-day event repeating yearly is a yearly holiday. Events with a time of day are not holidays and are
 * reported as skipped, as are other recurrences.
 */
final class IcsHolidays {
    /** A file with more all-day days than this is not a holiday calendar. */
    static final int MAX_DAYS = 5000;

    private IcsHolidays() {
    }

    record Result(Set<Holiday> holidays, List<String> skipped) {
    }

    static Result parse(String text) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            throw new IllegalArgumentException("not an iCalendar file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the iCalendar file: " + e.getMessage(), e);
        }
        Set<Holiday> holidays = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (Component component : calendar.getComponents(Component.VEVENT)) {
            VEvent event = (VEvent) component;
            String name = event.getProperty(Property.SUMMARY).map(p -> ((Property) p).getValue()).orElse(null);
            String label = name == null ? "an event without a summary" : "'" + name + "'";
            Optional<LocalDate> start = event.getStartDate().map(d -> d.getDate()).filter(LocalDate.class::isInstance)
                    .map(LocalDate.class::cast);
            if (start.isEmpty()) {
                skipped.add(label + ": not an all-day event");
                continue;
            }
            Optional<RRule<?>> rule = event.getProperty(Property.RRULE);
            if (rule.isPresent()) {
                if (rule.get().getRecur().getFrequency() == Frequency.YEARLY && rule.get().getRecur().getInterval() <= 1) {
                    holidays.add(new Holiday(start.get(), true, name));
                } else {
                    skipped.add(label + ": repeats other than every year");
                }
                continue;
            }
            // DTEND as written: ical4j's derived end date fails on all-day events without one
            LocalDate end = event.getEndDate(false).map(d -> d.getDate()).filter(LocalDate.class::isInstance)
                    .map(LocalDate.class::cast).orElse(start.get().plusDays(1)); // DTEND of a day is exclusive
            long days = Math.max(1, ChronoUnit.DAYS.between(start.get(), end));
            for (long i = 0; i < days; i++) {
                holidays.add(new Holiday(start.get().plusDays(i), false, name));
                if (holidays.size() > MAX_DAYS) {
                    throw new IllegalArgumentException("more than " + MAX_DAYS + " holiday days: not a holiday calendar");
                }
            }
        }
        return new Result(holidays, skipped);
    }
}
