/**
 * Alerting: rules on what went wrong (dead letters, failures in a row, missed fires, low disk, slow runs), the
 * incidents they open and close, and their notifications by webhook and email, retried from an outbox. Depends on
 * the capabilities it watches (queue, execution, schedule, job tables), {@code audit}, {@code errors} and {@code persistence}.
 */
package io.backupscheduler.alert;
