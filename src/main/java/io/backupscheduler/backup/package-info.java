/**
 * Backup points as users trust them: the points of DIRECTORY jobs (full and incremental) and COMMAND jobs recorded
 * in the database, the catalogue that browses them without a restore, restores as requests checked whole before they
 * are queued ({@code RestorePlanning}) and as the work of a run ({@code BackupRestore}), retention, and the job's
 * S3-compatible bucket: copies of points ({@code PointCopies}) or the points themselves ({@code BucketPoints}). The file format lives in
 * {@code lib.archive}, the bucket's client in {@code lib.objectstore}.
 * May use: {@code audit}, {@code errors}, {@code job}, {@code lib.archive}, {@code lib.objectstore}, {@code paging}, {@code persistence},
 * {@code secret}, {@code settings}; Jakarta Persistence, MicroProfile Config.
 */
package io.backupscheduler.backup;
