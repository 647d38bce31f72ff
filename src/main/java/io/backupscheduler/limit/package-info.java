/**
 * Shared limits: named capacities ({@code nas1: 2}) that jobs use, counted across the cluster by the queue's claim
 * ({@code SharedLimit}, kept by {@code SharedLimits}), and how full each one is now ({@code LimitUsage}).
 * May use: {@code audit}, {@code errors}, {@code persistence}; Jakarta Persistence.
 */
package io.backupscheduler.limit;
