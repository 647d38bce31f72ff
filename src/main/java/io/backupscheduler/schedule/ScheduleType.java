package io.backupscheduler.schedule;

/** How a schedule decides when it fires. */
public enum ScheduleType {
    /** A five-field cron expression in the schedule's zone, optionally filtered by a business calendar. */
    CRON,
    /** At a time of day on every business day of a calendar. */
    BUSINESS_DAYS,
    /** At a time of day on the last (business) day of every month. */
    MONTH_END,
    /** At a time of day on the last (business) day of March, June, September and December. */
    QUARTER_END,
    /** When an event arrives: a file change, a signed webhook call, or a system event. */
    EVENT;

    public boolean isTimed() {
        return this != EVENT;
    }
}
