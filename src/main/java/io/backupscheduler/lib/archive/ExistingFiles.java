package io.backupscheduler.lib.archive;

/**
 * What a restore into a directory that already holds files does with a file that is there: leave it and skip the
 * restored copy, replace it, or keep both (the restored copy gets a {@code .restored} name beside it).
 */
public enum ExistingFiles {
    SKIP,
    OVERWRITE,
    KEEP_BOTH
}
