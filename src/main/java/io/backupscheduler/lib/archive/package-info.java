/**
 * The backup point format: tar archives compressed with zstd, written in segments with a journal so a stopped
 * write resumes; manifests listing every file (size, modification time, mode, SHA-256, and which point's archive
 * holds its bytes); verify; restore of a selection of paths, segments in parallel, into a directory that may hold
 * files ({@code ExistingFiles}); a point's files indexed for browsing ({@code FileIndex}); the selection of
 * files (sources, globs); the files a command wrote, hashed; a point encrypted with a key of its own
 * ({@code PointSealing}, {@code PointKey}).
 * May use: nothing of the application; commons-compress, zstd-jni and Tink.
 */
package io.backupscheduler.lib.archive;
