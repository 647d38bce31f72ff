package io.backupscheduler.job;

/** How a job backs up: by archiving directories, or by running an external command that writes the backup. */
public enum JobKind {
    /** Archive one source directory into the target. */
    DIRECTORY,
    /** Run an argument list (never a shell string), e.g. {@code pg_dump -Fc -f ...}. */
    COMMAND,
    /** Back the sources up with restic into a restic repository; each run is a snapshot. */
    RESTIC
}
