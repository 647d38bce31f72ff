package io.backupscheduler.lib.archive;

/**
 * Told of each file a restore finished, from whichever thread restored it (so implementations are thread-safe):
 * what a run's progress and its list of restored files are made of.
 */
public interface RestoreListener {
    RestoreListener NONE = (path, bytes, outcome) -> { };

    /** How a file ended up at its destination. */
    enum Outcome {
        WRITTEN,
        /** an existing file was left as it was ({@link ExistingFiles#SKIP}) */
        SKIPPED,
        /** written beside an existing file under another name ({@link ExistingFiles#KEEP_BOTH}) */
        KEPT_BOTH
    }

    void restored(String path, long bytes, Outcome outcome);
}
