/**
 * Which server node this is (the name leases, fires and executions are recorded under, and its labels), its
 * heartbeat in the {@code cluster_node} table, the cluster's nodes as the database sees them, and operators' drains.
 * May use: {@code audit}, {@code errors}, {@code lib.placement}, {@code persistence}; Jakarta Persistence, EJB, MicroProfile Config.
 */
package io.backupscheduler.node;
