package io.backupscheduler.schedule;

/** What a fire does while the previous run of the same schedule is still queued or running. */
public enum OverlapPolicy {
    /** Queue another run anyway. */
    ALLOW,
    /** Skip this fire and record it (the default for backups: two copies of one backup compete for the same disk). */
    FORBID,
    /** Cancel the previous run and queue this one. */
    REPLACE
}
