package io.backupscheduler.queue;

/**
 * What a queued run is for. Only a BACKUP is the job's own work: it alone counts as the job's success or failure
 * for dependencies, failure alerts and needs. A RESTORE writes one of the job's points back to a directory; a DRILL
 * restores the latest point to scratch space to prove it can be.
 */
public enum RunPurpose {
    BACKUP,
    RESTORE,
    DRILL;

    /** The batch job (job XML name) that does this work. */
    public String batchJob() {
        return this == BACKUP ? "backup-job" : "restore-job";
    }
}
