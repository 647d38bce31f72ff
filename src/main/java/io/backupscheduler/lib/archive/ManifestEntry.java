package io.backupscheduler.lib.archive;

/**
 * One file as a backup point saw it: its path relative to the source (always with '/'), size, modification time
 * (epoch milliseconds), POSIX mode bits, SHA-256 (hex) and the id of the point whose archive holds its bytes.
 */
public record ManifestEntry(String path, long size, long modifiedMillis, int mode, String sha256, long storedIn) {
}
