package io.backupscheduler.queue;

/** What an entry does when one of its dependencies dies, is blocked or is cancelled. */
public enum DependencyFailurePolicy {
    /** Become BLOCKED, with the reason; a person may retry the dead dependency. */
    BLOCK,
    /** Be CANCELLED, with the reason. */
    SKIP,
    /** Treat the dependency as done and run anyway. */
    RUN_ANYWAY
}
