package io.backupscheduler.lib.archive;

/**
 * How archive work yields to its run: a checkpoint between files (it throws to stop), and a call before each
 * block of bytes (it may wait, to hold an I/O rate). The execution engine's RunControl fits both.
 */
public interface ArchiveControl {
    ArchiveControl NONE = new ArchiveControl() {
        @Override
        public void checkpoint() {
        }

        @Override
        public void beforeBytes(long bytes) {
        }
    };

    void checkpoint();

    void beforeBytes(long bytes);
}
