/**
 * The persistent job queue: priorities, dependencies as a DAG, chains, leases claimed with SKIP LOCKED, retries
 * with backoff, dead letters; each entry's purpose ({@code RunPurpose}: a backup, a restore or a drill). The rules ({@code QueueOrder}, {@code RetryPolicy}) are plain Java; the stores
 * ({@code QueueIntake}, {@code QueueLeases}, {@code QueueOutcomes}) apply them on an EntityManager, {@code JobQueue}
 * gives each command its transaction and {@code QueueReports} answers the reads.
 * May use: {@code audit}, {@code errors}, {@code job}, {@code lib.graph}, {@code paging}, {@code persistence},
 * {@code settings}; Jakarta Persistence, CDI, MicroProfile Config.
 */
package io.backupscheduler.queue;
