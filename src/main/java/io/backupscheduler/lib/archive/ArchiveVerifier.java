package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a point's archive back and checks every file in it against the manifest: the hash and size of each one
 * the manifest says this archive holds, nothing missing, nothing extra. A damaged archive (bad zstd frame, cut
 * tar) is a problem too, not a crash.
 */
public final class ArchiveVerifier {
    private ArchiveVerifier() {
    }

    /** The problems found, empty when the archive (all its segments) holds exactly what the manifest says, byte for byte. */
    public static List<String> verify(List<java.nio.file.Path> segments, Manifest manifest, long pointId, ArchiveControl control) {
        return verify(segments, manifest, pointId, PointSealing.NONE, control);
    }

    /** As {@link #verify(List, Manifest, long, ArchiveControl)}, each segment opened (and authenticated) by its sealing. */
    public static List<String> verify(List<java.nio.file.Path> segments, Manifest manifest, long pointId, PointSealing sealing,
                                      ArchiveControl control) {
        return verify(segments, manifest, pointId, sealing, control, 1);
    }

    /**
     * As {@link #verify(List, Manifest, long, PointSealing, ArchiveControl)}, reading up to {@code parallelism}
     * segments at once. The problems come in segment order whatever the parallelism.
     */
    public static List<String> verify(List<java.nio.file.Path> segments, Manifest manifest, long pointId, PointSealing sealing,
                                      ArchiveControl control, int parallelism) {
        Map<String, ManifestEntry> expected = new ConcurrentHashMap<>();
        for (ManifestEntry entry : manifest.storedIn(pointId)) {
            expected.put(entry.path(), entry);
        }
        List<SegmentPool.Task<List<String>>> tasks = new ArrayList<>();
        for (java.nio.file.Path archive : segments) {
            tasks.add(() -> verifySegment(archive, sealing, expected, control));
        }
        List<String> problems = new ArrayList<>();
        try {
            SegmentPool.runAll(tasks, parallelism, "verify-segment", () -> { }).forEach(problems::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a segment's read problems are returned, not thrown: only an interrupt gets here
        }
        for (String missing : new TreeSet<>(expected.keySet())) {
            problems.add(missing + ": in the manifest but not in the archive");
        }
        return problems;
    }

    private static List<String> verifySegment(java.nio.file.Path archive, PointSealing sealing, Map<String, ManifestEntry> expected,
                                              ArchiveControl control) {
        byte[] buffer = new byte[TarZstd.BUFFER];
        List<String> problems = new ArrayList<>();
        String current = null;
        try (TarArchiveInputStream tar = TarZstd.reader(archive, sealing)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                control.checkpoint();
                current = entry.getName();
                ManifestEntry wanted = expected.remove(entry.getName());
                if (wanted == null) {
                    problems.add(entry.getName() + ": in the archive but not in the manifest");
                    continue;
                }
                MessageDigest digest = TarZstd.sha256();
                long size = 0;
                int n;
                while ((n = tar.read(buffer)) >= 0) {
                    control.beforeBytes(n);
                    digest.update(buffer, 0, n);
                    size += n;
                }
                String sha = TarZstd.hex(digest.digest());
                if (size != wanted.size() || !sha.equals(wanted.sha256())) {
                    problems.add(entry.getName() + ": " + size + " bytes with SHA-256 " + sha + ", the manifest says "
                            + wanted.size() + " bytes with " + wanted.sha256());
                }
            }
        } catch (IOException | com.github.luben.zstd.ZstdException | IllegalArgumentException e) {
            // damage shows as a bad zstd frame or a bad tar header; a stop from the control passes through
            problems.add("the archive " + archive.getFileName() + " cannot be read" + (current == null ? "" : " (at " + current + ")") + ": "
                    + e.getMessage());
        }
        return problems;
    }
}
