package io.backupscheduler.lib.cron;

import java.time.LocalDateTime;

/**
 * The parsed fields as bit sets, and the search for the next local minute that matches them.
 * Minutes are counted in local wall time since 1970-01-01T00:00 ("local epoch minutes").
 */
final class CronFields {
    static final long NONE = Long.MIN_VALUE;
    private static final int MINUTES_PER_DAY = 1440;
    /** Every pattern repeats within the 400-year Gregorian cycle: past it, an expression never fires. */
    static final long HORIZON_MINUTES = (146_097L + 1) * MINUTES_PER_DAY;

    final long minutes;      // bits 0-59
    final int hours;         // bits 0-23
    final int daysOfMonth;   // bits 1-31
    final boolean lastDayOfMonth;
    final int months;        // bits 1-12
    final int daysOfWeek;    // bits 0-6, Sunday = 0
    final int lastDaysOfWeek;   // bit d: the last such weekday of the month (dL)
    final long nthDaysOfWeek;   // bit d*5 + (n-1): the n-th such weekday (d#n)
    /** Cronie's rule: a field that starts with '*' makes the day rule AND instead of OR. */
    final boolean dayOfMonthStar;
    final boolean dayOfWeekStar;
    /** Days are chosen by day of month alone (day of week is a plain '*'): the next day is a bit search too. */
    private final boolean dayOfMonthOnly;

    CronFields(long minutes, int hours, int daysOfMonth, boolean lastDayOfMonth, int months, int daysOfWeek,
               int lastDaysOfWeek, long nthDaysOfWeek, boolean dayOfMonthStar, boolean dayOfWeekStar) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.lastDayOfMonth = lastDayOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.lastDaysOfWeek = lastDaysOfWeek;
        this.nthDaysOfWeek = nthDaysOfWeek;
        this.dayOfMonthStar = dayOfMonthStar;
        this.dayOfWeekStar = dayOfWeekStar;
        this.dayOfMonthOnly = dayOfWeekStar && daysOfWeek == 0x7F && lastDaysOfWeek == 0 && nthDaysOfWeek == 0;
    }

    /** The first day from {@code day} on that matches in a month of {@code length} days, or length + 1. */
    private int nextDay(long epochDay, int day, int length) {
        if (dayOfMonthOnly) {
            int next = Integer.numberOfTrailingZeros(daysOfMonth & (-1 << day));
            if (lastDayOfMonth && next > length) {
                next = length;
            }
            return Math.min(next, length + 1);
        }
        while (day <= length && !dayMatches(epochDay, day, length)) {
            day++;
            epochDay++;
        }
        return day;
    }

    boolean dayMatches(long epochDay, int day, int lengthOfMonth) {
        boolean dom = (daysOfMonth & (1 << day)) != 0 || (lastDayOfMonth && day == lengthOfMonth);
        int dow = CivilDays.dayOfWeek(epochDay);
        boolean dowMatch = (daysOfWeek & (1 << dow)) != 0
                || ((lastDaysOfWeek & (1 << dow)) != 0 && day + 7 > lengthOfMonth)
                || (nthDaysOfWeek & (1L << (dow * 5 + (day - 1) / 7))) != 0;
        return dayOfMonthStar || dayOfWeekStar ? dom && dowMatch : dom || dowMatch;
    }

    /**
     * The first local epoch minute in [start, end) that matches, or {@link #NONE}. Walks months, then days, then
     * hours and minutes by bit search, never minute by minute.
     */
    long nextMatch(long start, long end) {
        long epochDay = Math.floorDiv(start, MINUTES_PER_DAY);
        int minuteOfDay = (int) Math.floorMod(start, MINUTES_PER_DAY);
        long civil = CivilDays.civil(epochDay);
        return search(start, end, epochDay, (int) (civil / 10_000), (int) (civil / 100 % 100), (int) (civil % 100),
                minuteOfDay / 60, minuteOfDay % 60);
    }

    /**
     * As {@link #nextMatch(long, long)} from the minute after {@code wallTime}, whose local epoch minute is
     * {@code wallMinute}: the caller's date fields are read as they are instead of being derived again from the
     * day number, which is most of the cost of a search that finds its match on the first day.
     */
    long nextMatchAfter(LocalDateTime wallTime, long wallMinute, long end) {
        // minute 60 is carried into the hour, day, month and year by the search itself
        return search(wallMinute + 1, end, Math.floorDiv(wallMinute, MINUTES_PER_DAY), wallTime.getYear(),
                wallTime.getMonthValue(), wallTime.getDayOfMonth(), wallTime.getHour(), wallTime.getMinute() + 1);
    }

    private long search(long start, long end, long epochDay, int year, int month, int day, int hour, int minute) {
        end = Math.min(end, start + HORIZON_MINUTES);
        if (start >= end) {
            return NONE;
        }
        long endDay = end == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(end - 1, MINUTES_PER_DAY);

        while (true) {
            if ((months & (1 << month)) == 0) {
                int next = Integer.numberOfTrailingZeros(months & (-1 << (month + 1)));
                if (next > 12) {
                    year++;
                    next = Integer.numberOfTrailingZeros(months);
                }
                month = next;
                day = 1;
                hour = 0;
                minute = 0;
                epochDay = CivilDays.epochDay(year, month, 1);
                if (epochDay > endDay) {
                    return NONE;
                }
            }
            int length = CivilDays.lengthOfMonth(year, month);
            int matchingDay = nextDay(epochDay, day, length);
            if (matchingDay != day) {
                epochDay += matchingDay - day;
                day = matchingDay;
                hour = 0;
                minute = 0;
            }
            if (epochDay > endDay) {
                return NONE;
            }
            if (day > length) {
                month++;
                if (month > 12) {
                    month = 1;
                    year++;
                }
                day = 1; // epochDay already points at the first of the next month
                continue;
            }
            int h = hour < 24 ? Integer.numberOfTrailingZeros(hours & (-1 << hour)) : 32;
            if (h >= 24) {
                day++;
                epochDay++;
                hour = 0;
                minute = 0;
                if (day > length) {
                    month++;
                    if (month > 12) {
                        month = 1;
                        year++;
                    }
                    day = 1;
                }
                continue;
            }
            if (h != hour) {
                hour = h;
                minute = 0;
            }
            int m = Long.numberOfTrailingZeros(minutes & (-1L << minute));
            if (m >= 60) {
                hour++;
                minute = 0;
                continue;
            }
            long candidate = epochDay * MINUTES_PER_DAY + hour * 60L + m;
            return candidate < end ? candidate : NONE;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronFields other && minutes == other.minutes && hours == other.hours
                && daysOfMonth == other.daysOfMonth && lastDayOfMonth == other.lastDayOfMonth && months == other.months
                && daysOfWeek == other.daysOfWeek && lastDaysOfWeek == other.lastDaysOfWeek
                && nthDaysOfWeek == other.nthDaysOfWeek && dayOfMonthStar == other.dayOfMonthStar
                && dayOfWeekStar == other.dayOfWeekStar;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(minutes, hours, daysOfMonth, lastDayOfMonth, months, daysOfWeek, lastDaysOfWeek,
                nthDaysOfWeek, dayOfMonthStar, dayOfWeekStar);
    }
}
