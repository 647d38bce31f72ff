package io.backupscheduler.job;

/** Job definitions for tests that need one to exist, not to examine it. */
public final class TestJobs {
    private TestJobs() {
    }

    /** A valid DIRECTORY job, not yet persisted. */
    public static BackupJob directory(String name) {
        JobSpec spec = new JobSpec();
        spec.setName(name);
        spec.setKind(JobKind.DIRECTORY);
        spec.setSourcePath("/a");
        spec.setTargetPath("/b");
        BackupJob job = new BackupJob();
        job.apply(spec);
        return job;
    }
}
