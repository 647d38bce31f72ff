/**
 * Scheduling: when backups fire. The pure engines live in {@code schedule.cron} and {@code schedule.calendar}
 * (JDK only); the persistent schedules that drive the queue will live here.
 */
package io.backupscheduler.schedule;
