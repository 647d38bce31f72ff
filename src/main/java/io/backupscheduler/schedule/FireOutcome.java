package io.backupscheduler.schedule;

/** What became of one fire of a schedule. */
public enum FireOutcome {
    /** A run was queued. */
    QUEUED,
    /** The previous run was still open and the overlap policy is FORBID. */
    SKIPPED_OVERLAP,
    /** Missed while down or paused, and the misfire policy or starting deadline dropped it. */
    SKIPPED_MISFIRE,
    /** A run was queued and the previous open run cancelled (overlap policy REPLACE). */
    REPLACED
}
