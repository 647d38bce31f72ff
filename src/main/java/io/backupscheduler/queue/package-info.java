/**
 * The persistent job queue: priorities, dependencies as a DAG, chains, retries with backoff, dead letters.
 * The rules themselves ({@link io.backupscheduler.queue.QueueOrder}, {@link io.backupscheduler.graph.DependencyGraph},
 * {@link io.backupscheduler.queue.RetryPolicy}) are plain Java; the entities and services will adapt them to JPA.
 */
package io.backupscheduler.queue;
