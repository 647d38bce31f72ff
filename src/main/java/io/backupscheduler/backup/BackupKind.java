package io.backupscheduler.backup;

/** A full point stores every file; an incremental one only what changed since the point before it. */
public enum BackupKind {
    FULL,
    INCREMENTAL
}
