/**
 * Which server node this is (the name leases, fires and executions are recorded under), its heartbeat in the
 * {@code cluster_node} table, and the cluster's nodes as the database sees them.
 * May use: {@code persistence}; Jakarta Persistence, EJB, MicroProfile Config.
 */
package io.backupscheduler.node;
