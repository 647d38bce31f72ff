/**
 * Dependencies between ids as a DAG: whether a new edge would close a cycle (and which), chains, depth. Shared by
 * job definitions and queue entries.
 * May use: the JDK only.
 */
package io.backupscheduler.lib.graph;
