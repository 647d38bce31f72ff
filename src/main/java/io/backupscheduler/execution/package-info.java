/**
 * The execution engine: the dispatcher that claims READY queue entries when a worker slot is free and resources
 * allow, each run as the Jakarta Batch job {@code backup-job}, the Execution record, cancel, history purge.
 * Depends on {@code queue}, {@code job}, {@code node} and {@code execution.process}; nothing depends on it but
 * {@code api} and {@code console}.
 */
package io.backupscheduler.execution;
