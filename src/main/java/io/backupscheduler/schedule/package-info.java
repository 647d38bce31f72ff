/**
 * Schedules, business calendars, webhooks and events: what fires runs into the queue, when, and what is recorded
 * about each fire. The rules (misfire planning, overlap decisions, signatures, event matching) are plain Java over
 * {@code lib.cron} and {@code lib.calendar}; the rest adapts them with JPA, CDI, EJB timers and Concurrency.
 * May use: {@code audit}, {@code errors}, {@code job}, {@code lib.calendar}, {@code lib.cron}, {@code node},
 * {@code paging}, {@code persistence}, {@code queue}, {@code settings}; ical4j.
 */
package io.backupscheduler.schedule;
