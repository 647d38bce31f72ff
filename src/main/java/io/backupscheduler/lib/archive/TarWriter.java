package io.backupscheduler.lib.archive;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes a POSIX tar stream of regular files: the header of each comes from commons-compress
 * ({@link TarArchiveEntry#writeEntryHeader}), and what a ustar header cannot hold (a path of 100 bytes or more or
 * one that is not ASCII, a size of 8 GiB or more, a time before 1970 or after 2242) goes into a PAX extended
 * header before it, as commons-compress's own writer does with {@code LONGFILE_POSIX} and {@code BIGNUMBER_POSIX}.
 *
 * <p>Why not that writer: it passes every byte of a file through a block stream one tar record (512 bytes) at a
 * time, a copy and four million calls per 2 GiB on the thread that is a full backup's critical path (0.4 s of its
 * 3 s). Here a file's bytes go to the stream below as they are written; only headers and padding are framed.
 */
final class TarWriter implements Closeable {
    private static final int RECORD = 512;
    /** GNU tar's default blocking: the end of the archive is padded to it. */
    private static final int BLOCK = TarConstants.DEFAULT_BLKSIZE;
    private static final long MAX_OCTAL_11 = TarConstants.MAXSIZE; // 077777777777: size and mtime fields
    private static final ZipEncoding UTF_8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final byte[] record = new byte[RECORD];
    private long written;
    private String currentPath;
    private long remaining;
    private long currentSize;
    private boolean finished;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a regular file of {@code size} bytes; exactly that many must follow before {@link #endFile()}. */
    void startFile(String path, long size, long modifiedMillis, int mode) throws IOException {
        if (currentPath != null) {
            throw new IOException(currentPath + ": the next file was started before this one ended");
        }
        if (finished) {
            throw new IOException("the tar stream is finished");
        }
        TarArchiveEntry entry = new TarArchiveEntry(path);
        String name = entry.getName(); // normalised as commons-compress's reader will give it back
        Map<String, String> pax = new LinkedHashMap<>();
        if (name.length() >= TarConstants.NAMELEN || !isAscii(name)) {
            pax.put("path", name);
        }
        long seconds = Math.floorDiv(modifiedMillis, 1000);
        if (size > MAX_OCTAL_11) {
            pax.put("size", Long.toString(size));
        }
        if (seconds < 0 || seconds > MAX_OCTAL_11) {
            pax.put("mtime", Long.toString(seconds));
        }
        if (!pax.isEmpty()) {
            writePaxHeader(name, pax);
        }
        entry.setSize(size);
        entry.setModTime(modifiedMillis);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode & 0777);
        writeHeader(entry);
        currentPath = name;
        currentSize = size;
        remaining = size;
    }

    /** Bytes of the file started last. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        if (currentPath == null) {
            throw new IOException("bytes written outside a file");
        }
        if (length > remaining) {
            throw new IOException(currentPath + ": more than the " + currentSize + " bytes its header promised");
        }
        out.write(bytes, offset, length);
        remaining -= length;
        written += length;
    }

    /** Ends the file started last: it must have had all its bytes; pads it to a whole record. */
    void endFile() throws IOException {
        if (currentPath == null) {
            return;
        }
        if (remaining != 0) {
            throw new IOException(currentPath + ": ended " + remaining + " bytes short of the " + currentSize + " its header promised");
        }
        padTo(RECORD);
        currentPath = null;
    }

    /** Writes the end of the archive (two empty records, then zeros to a whole block) and flushes. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        if (currentPath != null) {
            throw new IOException(currentPath + ": the archive was finished in the middle of this file");
        }
        zeros(2 * RECORD);
        padTo(BLOCK);
        out.flush();
        finished = true;
    }

    /** Finishes the archive unless a file is open (a writer that stops halfway leaves a stream nobody keeps). */
    @Override
    public void close() throws IOException {
        try {
            if (currentPath == null) {
                finish();
            }
        } finally {
            out.close();
        }
    }

    private void writePaxHeader(String name, Map<String, String> values) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (Map.Entry<String, String> value : values.entrySet()) {
            records.writeBytes(paxRecord(value.getKey(), value.getValue()));
        }
        TarArchiveEntry pax = new TarArchiveEntry(paxName(name), TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        pax.setSize(records.size());
        writeHeader(pax);
        out.write(records.toByteArray());
        written += records.size();
        padTo(RECORD);
    }

    /** {@code "<length> <key>=<value>\n"}, where the length counts the whole record, its own digits too. */
    static byte[] paxRecord(String key, String value) {
        int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3; // ' ', '=', '\n'
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length = body + Integer.toString(length).length(); // the digits themselves made it one digit longer
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The PAX header's own name, as tar writes it: ASCII, and short enough for its field. */
    private static String paxName(String name) {
        StringBuilder ascii = new StringBuilder("PaxHeaders/");
        for (int i = 0; i < name.length() && ascii.length() < TarConstants.NAMELEN - 1; i++) {
            char c = name.charAt(i);
            ascii.append(c < 128 ? c : '_');
        }
        return ascii.toString();
    }

    private void writeHeader(TarArchiveEntry entry) throws IOException {
        java.util.Arrays.fill(record, (byte) 0);
        entry.writeEntryHeader(record, UTF_8, false);
        out.write(record);
        written += RECORD;
    }

    private void padTo(int multiple) throws IOException {
        int partial = (int) (written % multiple);
        if (partial != 0) {
            zeros(multiple - partial);
        }
    }

    private void zeros(int count) throws IOException {
        java.util.Arrays.fill(record, (byte) 0);
        while (count > 0) {
            int n = Math.min(count, RECORD);
            out.write(record, 0, n);
            written += n;
            count -= n;
        }
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
