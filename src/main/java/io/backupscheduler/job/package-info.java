/**
 * Backup job definitions: what to back up, where to, how urgently and within which limits, which jobs they run
 * after, how often a restore drill proves them ({@code RestoreDrill}), a RESTIC job's repository and options
 * ({@code ResticSettings}, {@code ResticOptions}), and where jobs may read and write ({@code AllowedPaths}).
 * May use: {@code audit}, {@code errors}, {@code lib.archive} (the selection rules), {@code lib.graph}, {@code lib.placement}, {@code limit},
 * {@code paging}, {@code persistence}, {@code secret}, {@code settings}; Jakarta Persistence, Bean Validation, MicroProfile Config.
 */
package io.backupscheduler.job;
