/**
 * Schedules, business calendars, webhooks and events: what fires runs into the queue, when, and what is recorded
 * about each fire. The rules (misfire planning, signatures, event matching) are plain Java over the pure
 * {@code schedule.cron} and {@code schedule.calendar} core; the rest adapts them with JPA, CDI, EJB timers and
 * Concurrency. May depend on {@code queue}, {@code job}, {@code node}, {@code errors}, {@code paging}, {@code persistence}.
 */
package io.backupscheduler.schedule;
