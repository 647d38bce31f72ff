/**
 * Five-field cron with cronie's semantics (day rule, DST), plus L, dL, d#n and Jenkins-style H. Unit-tested in
 * milliseconds and benchmarked with JMH.
 * May use: the JDK only.
 */
package io.backupscheduler.lib.cron;
