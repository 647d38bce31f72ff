/**
 * Five-field cron with cronie's semantics (day rule, DST), plus L, dL, d#n and Jenkins-style H.
 * Plain Java: depends on the JDK only, so it is unit-tested in milliseconds and benchmarked with JMH.
 */
package io.backupscheduler.schedule.cron;
