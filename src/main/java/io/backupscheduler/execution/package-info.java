/**
 * The execution engine: the dispatcher that claims queue entries when a worker slot is free and the host admits
 * them, starts each run as a Jakarta Batch job ({@code backup-job}, {@code command-job} for a COMMAND backup, or
 * {@code restore-job} for a restore or drill)
 * and supervises it (leases, cancels, overdue runs, batch jobs the runtime dropped, shutdown); the Execution record
 * and its history; pause and admission thresholds; queueing restores and drills ({@code RestoreRuns}), drills on a cadence, restore proofs;
 * restic run for RESTIC jobs ({@code ResticRepository}, {@code ResticMessages}, retention as {@code ResticForget}) and for
 * operators outside runs ({@code ResticOperations}: a snapshot's files, forget, locks, unlock); why queued runs wait ({@code WaitReasons}).
 * May use: {@code audit}, {@code backup}, {@code errors}, {@code job}, {@code lib.archive}, {@code lib.placement}, {@code lib.process},
 * {@code limit}, {@code node}, {@code paging}, {@code persistence}, {@code queue}, {@code secret}, {@code settings}; Jakarta Batch, Concurrency,
 * EJB timers, OSHI.
 */
package io.backupscheduler.execution;
