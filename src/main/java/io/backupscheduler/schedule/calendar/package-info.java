/**
 * Business calendars (weekend days, one-off and yearly holidays, a time zone) and the schedules built on them:
 * business days, month end, quarter end, and cron filtered by a calendar. Plain Java: depends on the JDK and
 * {@code schedule.cron} only.
 */
package io.backupscheduler.schedule.calendar;
