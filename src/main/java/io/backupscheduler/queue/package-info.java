/**
 * The persistent job queue: priorities, dependencies as a DAG, chains, retries with backoff, dead letters.
 * The rules ({@link io.backupscheduler.queue.QueueOrder}, {@link io.backupscheduler.graph.DependencyGraph},
 * {@link io.backupscheduler.queue.RetryPolicy}) are plain Java; {@link io.backupscheduler.queue.QueueStore} applies
 * them to the JPA entities and {@link io.backupscheduler.queue.JobQueue} gives each operation its transaction.
 * Depends on {@code job}, {@code graph}, {@code errors}, {@code paging}, {@code audit} and {@code persistence}.
 */
package io.backupscheduler.queue;
