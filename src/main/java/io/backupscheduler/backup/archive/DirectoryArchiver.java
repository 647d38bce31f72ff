package io.backupscheduler.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one backup point of a directory: walks the selection (sources, globs), stores every regular file (FULL) or those whose size
 * or modification time differ from the previous point's manifest (INCREMENTAL) into a tar.zst archive, hashing
 * each as it streams, and returns the new manifest: every file present now, each pointing at the archive that
 * holds its bytes, plus the files deleted since. Memory stays constant whatever the file sizes; a file that
 * changes while it is read is reported.
 */
public final class DirectoryArchiver {
    /** What a run of the archiver produced. */
    public record Result(Manifest manifest, long filesStored, long bytesStored, long filesTotal, long bytesTotal,
                         long archiveBytes, List<String> changedWhileRead) {
    }

    private DirectoryArchiver() {
    }

    /**
     * @param previous the manifest of the point before ({@link Manifest#empty()} for a full backup)
     * @param progress told (files, bytes) examined so far after each file, stored or found unchanged
     */
    public static Result archive(FileSelection selection, Manifest previous, long pointId, Path archive, ArchiveControl control,
                                 BiConsumer<Long, Long> progress) throws IOException {
        Map<String, ManifestEntry> now = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        long[] stored = new long[2];
        long[] total = new long[2];
        byte[] buffer = new byte[TarZstd.BUFFER];
        Path partial = archive.resolveSibling(archive.getFileName() + ".part");
        try (TarArchiveOutputStream tar = TarZstd.writer(partial)) {
            selection.walk(control, candidate -> {
                BasicFileAttributes attributes = candidate.attributes();
                String path = candidate.path();
                total[0]++;
                total[1] += attributes.size();
                ManifestEntry before = previous.get(path);
                if (before != null && before.size() == attributes.size()
                        && before.modifiedMillis() == attributes.lastModifiedTime().toMillis()) {
                    now.put(path, before); // unchanged: its bytes stay where they are
                } else {
                    now.put(path, store(tar, candidate.file(), path, attributes, pointId, control, buffer, changed));
                    stored[0]++;
                    stored[1] += attributes.size();
                }
                progress.accept(total[0], total[1]);
            });
            tar.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<String> deleted = new ArrayList<>();
        for (String path : previous.files().keySet()) {
            if (!now.containsKey(path)) {
                deleted.add(path);
            }
        }
        return new Result(new Manifest(now, deleted), stored[0], stored[1], total[0], total[1], Files.size(archive), changed);
    }

    private static ManifestEntry store(TarArchiveOutputStream tar, Path file, String path, BasicFileAttributes attributes,
                                       long pointId, ArchiveControl control, byte[] buffer, List<String> changed) throws IOException {
        long size = attributes.size();
        long mtime = attributes.lastModifiedTime().toMillis();
        int mode = TarZstd.mode(file);
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(size);
        entry.setModTime(mtime);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        tar.putArchiveEntry(entry);
        MessageDigest digest = TarZstd.sha256();
        long read;
        try (InputStream in = Files.newInputStream(file)) {
            read = TarZstd.copy(in, tar, size, digest, control, buffer);
            if (in.read() >= 0) {
                read = -1; // it grew while we read
            }
        }
        tar.closeArchiveEntry();
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (read != size || after.size() != size || after.lastModifiedTime().toMillis() != mtime) {
            changed.add(path);
        }
        return new ManifestEntry(path, size, mtime, mode, TarZstd.hex(digest.digest()), pointId);
    }
}
