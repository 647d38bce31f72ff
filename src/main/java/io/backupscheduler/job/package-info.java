/**
 * Backup job definitions: what to back up, where to, how urgently and within which limits.
 * Depends on {@code errors}, {@code paging} and the Jakarta Persistence / Bean Validation APIs; no interface code.
 */
package io.backupscheduler.job;
