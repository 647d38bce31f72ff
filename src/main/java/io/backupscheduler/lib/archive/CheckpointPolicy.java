package io.backupscheduler.lib.archive;

/**
 * When a directory backup checkpoints: after this many files or bytes examined, or this much time, since the last
 * checkpoint, whichever comes first. Each checkpoint finishes an archive segment, so fewer means fewer segments and
 * more means less work repeated when a stopped backup resumes.
 */
public record CheckpointPolicy(long files, long bytes, long millis) {
    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(20_000, 512L << 20, 60_000);

    public CheckpointPolicy {
        if (files < 1 || bytes < 1 || millis < 1) {
            throw new IllegalArgumentException("checkpoint thresholds must be positive");
        }
    }

    public boolean due(long filesSince, long bytesSince, long millisSince) {
        return filesSince >= files || bytesSince >= bytes || millisSince >= millis;
    }
}
