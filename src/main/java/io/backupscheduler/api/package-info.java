/**
 * The REST API under {@code /api/v1}: JAX-RS resources and their request and response shapes. An interface: it calls
 * the capabilities, which never call it.
 * May use: {@code alert}, {@code api.problem}, {@code audit}, {@code backup}, {@code errors}, {@code execution},
 * {@code job}, {@code lib.archive}, {@code lib.cron}, {@code lib.process}, {@code lib.objectstore}, {@code limit}, {@code node}, {@code paging},
 * {@code queue}, {@code schedule}, {@code secret}, {@code security}, {@code settings}; JAX-RS, JSON-B, MicroProfile OpenAPI.
 */
package io.backupscheduler.api;
