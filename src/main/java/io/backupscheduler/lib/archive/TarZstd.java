package io.backupscheduler.lib.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Opening tar.zst streams, and the small byte and permission helpers the archive classes share. */
final class TarZstd {
    static final int BUFFER = 128 * 1024;
    private static final int LEVEL = 1;

    private TarZstd() {
    }

    static TarWriter writer(Path file) throws IOException {
        return writer(file, PointSealing.NONE, file.getFileName().toString());
    }

    /** A segment written to {@code file}, sealed under {@code name} (its final name: it is written as a .part first). */
    static TarWriter writer(Path file, PointSealing sealing, String name) throws IOException {
        // written on the feeding thread, which zstd hands its output back on: a thread of its own for the file's writes
        // cost an AMD EPYC host 1-2 s of system CPU a backup and a third of its time (docs/benchmarks.md)
        OutputStream sealed = sealing.seal(Files.newOutputStream(file), name);
        ZstdOutputStream zstd = new ZstdOutputStream(sealing == PointSealing.NONE ? sealed : new BufferedOutputStream(sealed, BUFFER), LEVEL);
        // compress on every core, as zstd -T0 does: reading and framing run on this thread meanwhile, hashing on the
        // journal's (HashingJournal)
        zstd.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
        // a file's bytes pass through in the caller's pieces (128 KiB); the buffer gathers the 512-byte headers and
        // padding, each of which would otherwise be a native call into zstd-jni
        return new TarWriter(new BufferedOutputStream(zstd, BUFFER));
    }

    static TarArchiveInputStream reader(Path file) throws IOException {
        return reader(file, PointSealing.NONE);
    }

    static TarArchiveInputStream reader(Path file, PointSealing sealing) throws IOException {
        InputStream opened = sealing.open(new BufferedInputStream(Files.newInputStream(file), BUFFER), file.getFileName().toString());
        InputStream zstd = new ZstdInputStream(sealing == PointSealing.NONE ? opened : new BufferedInputStream(opened, BUFFER));
        return new TarArchiveInputStream(zstd, BUFFER);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** POSIX permission bits of a file, or 0644 where the file system has none. */
    static int mode(Path file) {
        try {
            return mode(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            return 0644;
        }
    }

    /** As {@link #mode(Path)}, from attributes already read: no second look at the file when they have its permissions. */
    static int mode(Path file, BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes posix ? mode(posix.permissions()) : mode(file);
    }

    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>();
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    /** Copies exactly {@code size} bytes (zeros where the input ends early); returns how many came from the input. */
    static long copy(InputStream in, OutputStream out, long size, java.security.MessageDigest digest, ArchiveControl control,
                     byte[] buffer) throws IOException {
        long done = 0;
        long fromInput = 0;
        boolean ended = false;
        while (done < size) {
            int want = (int) Math.min(buffer.length, size - done);
            control.beforeBytes(want);
            int n = ended ? -1 : in.read(buffer, 0, want);
            if (n < 0) {
                ended = true;
                java.util.Arrays.fill(buffer, 0, want, (byte) 0);
                n = want;
            } else {
                fromInput += n;
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            done += n;
        }
        return fromInput;
    }
}
