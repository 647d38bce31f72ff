/**
 * Directory backups as files: a tar archive compressed with zstd per backup point, and a manifest listing every
 * file the point holds (size, modification time, mode, SHA-256, and which point's archive has its bytes), so a
 * full backup plus its incrementals restore any point. Plain Java, commons-compress and zstd-jni; no server.
 */
package io.backupscheduler.backup.archive;
