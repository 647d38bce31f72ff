package io.backupscheduler.lib.process;

/** How a command's run ended. */
public enum RunEnding {
    /** It exited by itself; the exit code says how it went. */
    EXITED,
    /** It ran past its time limit and was terminated. */
    TIMED_OUT,
    /** Someone cancelled it. */
    CANCELLED,
    /** It went past a resource limit (memory) and was killed or refused. */
    LIMIT_EXCEEDED,
    /** It could not be started at all. */
    NOT_STARTED
}
