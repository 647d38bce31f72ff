/**
 * Which server node this is: the name leases, fires and executions are recorded under. Depends on MicroProfile
 * Config and the JDK only.
 */
package io.backupscheduler.node;
