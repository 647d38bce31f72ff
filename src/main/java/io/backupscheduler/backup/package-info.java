/**
 * Backups as users trust them: the backup points of DIRECTORY jobs (full and incremental archives with
 * manifests) and COMMAND jobs (the files their tool wrote), their verification, restore and retention. The file
 * formats live in {@code backup.archive} (plain Java); this package records points (JPA) and runs restores.
 * Depends on {@code job}, {@code errors}, {@code paging} and {@code backup.archive}; used by {@code execution.batch}, {@code api}.
 */
package io.backupscheduler.backup;
