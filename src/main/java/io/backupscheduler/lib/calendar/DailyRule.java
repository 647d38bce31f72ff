package io.backupscheduler.lib.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires at a fixed wall-clock time on the days a calendar rule selects, in the calendar's zone. Business days,
 * month end and quarter end are such rules.
 */
public final class DailyRule implements FireRule {
    /** Longest search for a selected day before giving up: ten years. */
    private static final int MAX_DAYS = 3660;

    /** Which days a daily rule fires on. */
    public enum Days {
        /** Every business day. */
        BUSINESS_DAYS,
        /** The last calendar day of every month. */
        MONTH_END,
        /** The last business day of every month. */
        MONTH_END_BUSINESS_DAY,
        /** The last calendar day of March, June, September and December. */
        QUARTER_END,
        /** The last business day of March, June, September and December. */
        QUARTER_END_BUSINESS_DAY
    }

    private final BusinessCalendar calendar;
    private final Days days;
    private final LocalTime time;

    public DailyRule(BusinessCalendar calendar, Days days, LocalTime time) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.days = Objects.requireNonNull(days, "days");
        this.time = Objects.requireNonNull(time, "time").withSecond(0).withNano(0);
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime from) {
        LocalDate day = from.withZoneSameInstant(calendar.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (selects(day)) {
                ZonedDateTime fire = WallClock.resolve(day, time, calendar.zone());
                if (fire.isAfter(from)) {
                    return Optional.of(fire.withZoneSameInstant(from.getZone()));
                }
            }
        }
        return Optional.empty();
    }

    boolean selects(LocalDate day) {
        boolean quarterMonth = day.getMonthValue() % 3 == 0;
        return switch (days) {
            case BUSINESS_DAYS -> calendar.isBusinessDay(day);
            case MONTH_END -> day.getDayOfMonth() == day.lengthOfMonth();
            case MONTH_END_BUSINESS_DAY -> isLastBusinessDay(day);
            case QUARTER_END -> quarterMonth && day.getDayOfMonth() == day.lengthOfMonth();
            case QUARTER_END_BUSINESS_DAY -> quarterMonth && isLastBusinessDay(day);
        };
    }

    private boolean isLastBusinessDay(LocalDate day) {
        if (!calendar.isBusinessDay(day)) {
            return false;
        }
        for (LocalDate later = day.plusDays(1); later.getMonth() == day.getMonth(); later = later.plusDays(1)) {
            if (calendar.isBusinessDay(later)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        String at = String.format("At %02d:%02d", time.getHour(), time.getMinute());
        String which = switch (days) {
            case BUSINESS_DAYS -> "on every business day";
            case MONTH_END -> "on the last day of every month";
            case MONTH_END_BUSINESS_DAY -> "on the last business day of every month";
            case QUARTER_END -> "on the last day of every quarter";
            case QUARTER_END_BUSINESS_DAY -> "on the last business day of every quarter";
        };
        return at + " " + which + " (" + calendar.name() + ", " + calendar.zone() + ")";
    }
}
