package io.backupscheduler.schedule;

/** What a schedule does about fires it missed while the scheduler was down, disabled or the schedule paused. */
public enum MisfirePolicy {
    /** One run now for all the missed fires. */
    FIRE_ONCE,
    /** No run for missed fires: resume at the next regular fire. */
    SKIP,
    /** One run per missed fire, up to the schedule's misfire limit (the most recent ones). */
    FIRE_ALL
}
