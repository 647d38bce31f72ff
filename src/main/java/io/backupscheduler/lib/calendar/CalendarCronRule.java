package io.backupscheduler.lib.calendar;

import io.backupscheduler.lib.cron.CronExpression;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** A cron expression evaluated in a calendar's zone that fires only on the days the calendar lets through. */
public final class CalendarCronRule implements FireRule {
    private static final int MAX_SKIPPED_DAYS = 3660;

    /** Which days of the calendar let a fire through. */
    public enum Filter {
        /** Only business days: no weekend days, no holidays. */
        BUSINESS_DAYS_ONLY,
        /** Every day but holidays. */
        SKIP_HOLIDAYS
    }

    private final CronExpression cron;
    private final BusinessCalendar calendar;
    private final Filter filter;

    public CalendarCronRule(CronExpression cron, BusinessCalendar calendar, Filter filter) {
        this.cron = Objects.requireNonNull(cron, "cron");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
        ZonedDateTime t = from.withZoneSameInstant(calendar.zone());
        for (int skipped = 0; skipped < MAX_SKIPPED_DAYS; ) {
            Optional<ZonedDateTime> next = cron.nextAfter(t);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            LocalDate day = next.get().toLocalDate();
            if (lets(day)) {
                return Optional.of(next.get().withZoneSameInstant(from.getZone()));
            }
            // skip the rest of a refused day at once rather than fire by fire
            ZonedDateTime endOfDay = day.plusDays(1).atStartOfDay(calendar.zone()).minusSeconds(1);
            t = endOfDay.isAfter(next.get()) ? endOfDay : next.get();
            skipped++;
        }
        return Optional.empty();
    }

    private boolean lets(LocalDate day) {
        return filter == Filter.BUSINESS_DAYS_ONLY ? calendar.isBusinessDay(day) : !calendar.isHoliday(day);
    }

    @Override
    public String describe() {
        return cron.describe() + (filter == Filter.BUSINESS_DAYS_ONLY ? ", on business days only" : ", except on holidays")
                + " (" + calendar.name() + ", " + calendar.zone() + ")";
    }
}
