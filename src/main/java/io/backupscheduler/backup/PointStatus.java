package io.backupscheduler.backup;

/** WRITING while its run writes it, WRITTEN once archive and manifest are complete, then VERIFIED or FAILED. */
public enum PointStatus {
    WRITING,
    WRITTEN,
    VERIFIED,
    FAILED;

    /** Whether the point can serve as the base of an incremental and be restored. */
    public boolean usable() {
        return this == WRITTEN || this == VERIFIED;
    }
}
