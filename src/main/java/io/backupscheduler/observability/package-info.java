/**
 * MicroProfile Metrics (or Micrometer on WildFly) fed by the capabilities' events and a cached read of the queue,
 * and the health checks (liveness; database, batch runtime and target disk readiness).
 * May use: {@code execution}, {@code job}, {@code queue}, {@code schedule}; MicroProfile Health and Metrics,
 * Micrometer.
 */
package io.backupscheduler.observability;
