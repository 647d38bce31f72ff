/**
 * Backup job definitions: what to back up, where to, how urgently and within which limits, and where jobs may
 * read and write (AllowedPaths). Depends on {@code errors}, {@code paging}, {@code backup.archive} (the pure
 * selection rules) and the Jakarta Persistence / Bean Validation / MicroProfile Config APIs; no interface code.
 */
package io.backupscheduler.job;
