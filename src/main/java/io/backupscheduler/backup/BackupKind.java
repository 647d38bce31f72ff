package io.backupscheduler.backup;

/**
 * A full point stores every file; an incremental one only what changed since the point before it; a command
 * point lists the files a COMMAND job's tool wrote into its target (they stay there, hashed in its manifest).
 */
public enum BackupKind {
    FULL,
    INCREMENTAL,
    COMMAND
}
