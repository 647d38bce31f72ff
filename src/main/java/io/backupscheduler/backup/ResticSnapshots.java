package io.backupscheduler.backup;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.lib.archive.ManifestEntry;
import java.util.List;

/**
 * What the catalogue, restores and retention ask of a RESTIC job's repository. Only the execution capability runs
 * restic (it holds process isolation and hands restic the password), so it provides this; a failure is a
 * {@link io.backupscheduler.errors.ConflictException} with restic's reason (wrong password, locked, no snapshot).
 */
public interface ResticSnapshots {
    /** The regular files of the point's snapshot as restic lists them now: paths without the leading slash, no hashes. */
    List<ManifestEntry> files(BackupPoint point);

    /**
     * The ids of the job's snapshots that {@code restic forget} removes by the job's retention (and then prunes the
     * repository), or in a dry run would remove; empty when the retention keeps everything.
     */
    List<String> forget(BackupJob job, boolean dryRun);
}
