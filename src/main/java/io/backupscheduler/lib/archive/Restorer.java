package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Restores a backup point into a directory: the files its manifest lists (optionally only those under a path
 * prefix), each read from the archive of the point that holds its bytes, hashed and checked against the
 * manifest, with its modification time and mode. Nothing is written outside the destination: an archive entry
 * or manifest path with {@code ..}, an absolute path or a drive is refused.
 */
public final class Restorer {
    /** What a restore wrote. */
    public record Result(long files, long bytes) {
    }

    private Restorer() {
    }

    /**
     * @param archives the archive segments of every point the manifest refers to, by point id
     */
    public static Result restore(Manifest manifest, Map<Long, List<Path>> archives, Path destination, String pathPrefix,
                                 ArchiveControl control) throws IOException {
        Path root = destination.toAbsolutePath().normalize();
        Map<Long, Map<String, ManifestEntry>> byArchive = new TreeMap<>();
        for (ManifestEntry entry : manifest.files().values()) {
            if (selected(entry.path(), pathPrefix)) {
                target(root, entry.path()); // refuse before writing anything
                byArchive.computeIfAbsent(entry.storedIn(), id -> new HashMap<>()).put(entry.path(), entry);
            }
        }
        byte[] buffer = new byte[TarZstd.BUFFER];
        long[] done = new long[2];
        for (Map.Entry<Long, Map<String, ManifestEntry>> point : byArchive.entrySet()) {
            List<Path> segments = archives.get(point.getKey());
            Map<String, ManifestEntry> wanted = point.getValue();
            for (Path archive : segments == null ? List.<Path>of() : segments) {
                if (wanted.isEmpty()) {
                    break;
                }
                if (!Files.isRegularFile(archive)) {
                    throw new IOException("the archive of backup point " + point.getKey() + " is missing (" + archive + ")");
                }
                restoreSegment(archive, point.getKey(), wanted, root, control, buffer, done);
            }
            if (!wanted.isEmpty()) {
                List<String> missing = new ArrayList<>(wanted.keySet());
                throw new IOException(missing.size() + " files are missing from the archive of backup point " + point.getKey()
                        + ", e.g. " + missing.get(0));
            }
        }
        return new Result(done[0], done[1]);
    }

    private static void restoreSegment(Path archive, long pointId, Map<String, ManifestEntry> wanted, Path root, ArchiveControl control,
                                       byte[] buffer, long[] done) throws IOException {
        try (TarArchiveInputStream tar = TarZstd.reader(archive)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null && !wanted.isEmpty()) {
                control.checkpoint();
                Path file = target(root, entry.getName());
                ManifestEntry expected = wanted.remove(entry.getName());
                if (expected == null || !entry.isFile()) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                MessageDigest digest = TarZstd.sha256();
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    TarZstd.copy(tar, out, expected.size(), digest, control, buffer);
                }
                String sha = TarZstd.hex(digest.digest());
                if (!sha.equals(expected.sha256())) {
                    throw new IOException(entry.getName() + " restored with SHA-256 " + sha + ", the manifest says " + expected.sha256());
                }
                Files.setLastModifiedTime(file, FileTime.fromMillis(expected.modifiedMillis()));
                applyMode(file, expected.mode());
                done[0]++;
                done[1] += expected.size();
            }
        } catch (com.github.luben.zstd.ZstdException | IllegalArgumentException e) {
            throw new IOException("the archive of backup point " + pointId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether a stored path is the prefix or lies under it; no prefix selects everything. */
    static boolean selected(String path, String pathPrefix) {
        String prefix = pathPrefix == null ? "" : pathPrefix.strip();
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    static void applyMode(Path file, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, TarZstd.permissions(mode));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX modes keeps its defaults
        }
    }

    /** Where a stored path lands under the destination; refused when it would land anywhere else. */
    static Path target(Path root, String storedPath) throws IOException {
        if (storedPath.isEmpty() || storedPath.startsWith("/") || storedPath.startsWith("\\") || storedPath.contains("\0")
                || storedPath.matches("^[A-Za-z]:.*")) {
            throw new IOException("refused archive entry '" + storedPath + "': not a relative path");
        }
        for (String part : storedPath.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new IOException("refused archive entry '" + storedPath + "': it climbs out with '..'");
            }
        }
        Path file = root.resolve(storedPath).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IOException("refused archive entry '" + storedPath + "': it would land outside " + root);
        }
        return file;
    }
}
