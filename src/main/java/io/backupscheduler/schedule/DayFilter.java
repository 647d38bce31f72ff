package io.backupscheduler.schedule;

/** Which days a cron schedule with a business calendar fires on. */
public enum DayFilter {
    /** Every day the expression selects; the calendar is not consulted. */
    ALL_DAYS,
    /** Only business days of the calendar. */
    BUSINESS_DAYS_ONLY,
    /** Every day but the calendar's holidays. */
    SKIP_HOLIDAYS
}
