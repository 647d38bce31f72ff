package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Writes one backup point of a directory in one go: walks the selection (sources, globs), keeps the manifest entry
 * of every file whose size and modification time match the previous point's manifest (INCREMENTAL) and streams
 * every other one into the point's archive through a {@link PointWriter}, checkpointing by the policy, then seals
 * the point. The batch step does the same a chunk at a time; this is the path tests and the benchmark drive.
 */
public final class DirectoryArchiver {
    private DirectoryArchiver() {
    }

    /**
     * @param previous the manifest of the point before ({@link Manifest#empty()} for a full backup)
     * @param progress told (files, bytes) examined so far after each file, stored or found unchanged
     */
    public static PointWriter.Sealed archive(FileSelection selection, Manifest previous, long pointId, Path archive,
                                             ArchiveControl control, BiConsumer<Long, Long> progress) throws IOException {
        return archive(selection, previous, pointId, archive, control, progress, CheckpointPolicy.DEFAULT);
    }

    public static PointWriter.Sealed archive(FileSelection selection, Manifest previous, long pointId, Path archive,
                                             ArchiveControl control, BiConsumer<Long, Long> progress, CheckpointPolicy policy)
            throws IOException {
        return archive(selection, previous, pointId, archive, control, progress, policy, PointSealing.NONE);
    }

    /** As above, segments and manifest sealed (encrypted) with the point's key. */
    public static PointWriter.Sealed archive(FileSelection selection, Manifest previous, long pointId, Path archive,
                                             ArchiveControl control, BiConsumer<Long, Long> progress, CheckpointPolicy policy,
                                             PointSealing sealing) throws IOException {
        long files = 0;
        long bytes = 0;
        long filesSince = 0;
        long bytesSince = 0;
        long since = System.nanoTime();
        try (PointWriter writer = PointWriter.start(archive, pointId, sealing)) {
            FileSelection.Cursor cursor = selection.cursor(control, null);
            for (FileSelection.Candidate candidate = cursor.next(); candidate != null; candidate = cursor.next()) {
                long size = candidate.attributes().size();
                ManifestEntry before = unchanged(previous, candidate);
                if (before != null) {
                    writer.unchanged(before);
                } else {
                    writer.store(candidate.file(), candidate.path(), candidate.attributes(), control);
                    bytesSince += size;
                }
                files++;
                bytes += size;
                filesSince++;
                progress.accept(files, bytes);
                if (policy.due(filesSince, bytesSince, (System.nanoTime() - since) / 1_000_000)) {
                    writer.checkpoint();
                    filesSince = 0;
                    bytesSince = 0;
                    since = System.nanoTime();
                }
            }
            writer.checkpoint();
            return PointWriter.seal(archive, pointId, writer.segmentCount(), previous, manifestOf(archive), sealing);
        }
    }

    /** The previous point's entry for this file when its size and modification time still match, else null. */
    public static ManifestEntry unchanged(Manifest previous, FileSelection.Candidate candidate) {
        ManifestEntry before = previous.get(candidate.path());
        return before != null && before.size() == candidate.attributes().size()
                && before.modifiedMillis() == candidate.attributes().lastModifiedTime().toMillis() ? before : null;
    }

    /** Where this standalone path puts the manifest: beside the archive. */
    public static Path manifestOf(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling((name.endsWith(".tar.zst") ? name.substring(0, name.length() - 8) : name) + ".manifest");
    }
}
