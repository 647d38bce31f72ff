package io.backupscheduler.backup;

/**
 * A full point stores every file; an incremental one only what changed since the point before it; a command
 * point lists the files a COMMAND job's tool wrote into its target (they stay there, hashed in its manifest); a
 * restic point is a snapshot in a RESTIC job's repository.
 */
public enum BackupKind {
    FULL,
    INCREMENTAL,
    COMMAND,
    RESTIC
}
