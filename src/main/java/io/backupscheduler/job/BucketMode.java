package io.backupscheduler.job;

/**
 * What a DIRECTORY job's bucket holds. COPY: a copy of each verified point, which stays in the target directory too
 * (3-2-1's off-site copy). MOVE: the points themselves; each archive segment is uploaded as soon as it is finished and
 * leaves the target directory, which keeps only the segment being written and each point's manifest and key as a cache
 * (what object-storage tiers call "move").
 */
public enum BucketMode {
    COPY,
    MOVE
}
