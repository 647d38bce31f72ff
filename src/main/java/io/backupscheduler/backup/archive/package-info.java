/**
 * Backups as files. Directory points: tar archives compressed with zstd, written in segments with a journal so a
 * stopped write resumes, and a manifest listing every file (size, modification time, mode, SHA-256, and which
 * point's archive has its bytes), so a full plus its incrementals restore any point; the selection of files
 * (sources, globs). Command points: the files a tool wrote, hashed. Plain Java, commons-compress and zstd-jni.
 */
package io.backupscheduler.backup.archive;
