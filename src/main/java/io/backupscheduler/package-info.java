/**
 * Backup Scheduler: schedules, queues and runs backups. The ground floor ({@code lib}) holds pure libraries; above it
 * the capabilities ({@code job}, {@code queue}, {@code schedule}, {@code execution}, {@code backup}, ...) and on top
 * the interfaces ({@code api}, {@code console}). docs/architecture.md is the map; ArchitectureTest enforces it.
 */
package io.backupscheduler;
