package io.backupscheduler.job;

/** Job definitions for tests that need one to exist, not to examine it. */
public final class TestJobs {
    private TestJobs() {
    }

    /** A valid DIRECTORY job, not yet persisted. */
    public static BackupJob directory(String name) {
        return directory(name, java.util.List.of());
    }

    /** A valid DIRECTORY job that uses these shared limits (they must exist before it is persisted). */
    public static BackupJob directory(String name, java.util.List<String> sharedLimits) {
        JobSpec spec = new JobSpec();
        spec.setName(name);
        spec.setKind(JobKind.DIRECTORY);
        spec.setSourcePath("/a");
        spec.setTargetPath("/b");
        spec.setSharedLimits(sharedLimits);
        BackupJob job = new BackupJob();
        job.apply(spec);
        return job;
    }
}
