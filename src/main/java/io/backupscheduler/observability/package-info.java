/**
 * Health checks (and, later, metrics and alerts) that tell operators whether the scheduler can do its work.
 * Depends on MicroProfile Health and the capabilities it watches.
 */
package io.backupscheduler.observability;
