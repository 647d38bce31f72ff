/**
 * Business calendars (weekend days, one-off and yearly holidays, a time zone) and the schedules built on them:
 * business days, month end, quarter end, and cron filtered by a calendar.
 * May use: {@code lib.cron} and the JDK only.
 */
package io.backupscheduler.lib.calendar;
