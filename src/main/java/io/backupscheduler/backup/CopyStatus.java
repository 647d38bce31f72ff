package io.backupscheduler.backup;

/** Where a point's copy stands: being uploaded, uploaded and read back matching, or failed (its error says why). */
public enum CopyStatus {
    COPYING,
    VERIFIED,
    FAILED
}
