/**
 * Backup Scheduler: schedules, queues and runs backups. Sub-packages are capabilities
 * ({@code job}, {@code security}, ...) and interfaces ({@code api}, {@code console}); see docs/architecture.md.
 */
package io.backupscheduler;
