package io.backupscheduler.queue;

import io.backupscheduler.job.JobKind;

/**
 * What a queued run is for. Only a BACKUP is the job's own work: it alone counts as the job's success or failure
 * for dependencies, failure alerts and needs. A RESTORE writes one of the job's points back to a directory; a DRILL
 * restores the latest point to scratch space to prove it can be.
 */
public enum RunPurpose {
    BACKUP,
    RESTORE,
    DRILL;

    /**
     * The batch job (job XML name) that does this work for a job of this kind: a COMMAND backup's own, with its parts
     * in one step (command-job.xml says why), every other backup's, or the restore's.
     */
    public String batchJob(JobKind kind) {
        if (this != BACKUP) {
            return "restore-job";
        }
        return kind == JobKind.COMMAND ? "command-job" : "backup-job";
    }
}
