/**
 * Alerting: rules on what went wrong (dead letters, failures in a row, missed fires, low disk, slow runs), the
 * incidents they open and close, and their notifications by webhook and email, retried from an outbox.
 * May use: {@code audit}, {@code backup}, {@code errors}, {@code execution}, {@code job}, {@code persistence}, {@code queue},
 * {@code schedule}; Jakarta Persistence, Concurrency, Jakarta Mail, MicroProfile Config.
 */
package io.backupscheduler.alert;
