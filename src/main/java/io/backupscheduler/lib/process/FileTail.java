package io.backupscheduler.lib.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The end of a run's log, read without reading the rest: what went wrong is usually there. */
public final class FileTail {
    private FileTail() {
    }

    /** The last {@code maxBytes} of the file as UTF-8 text; empty when it cannot be read. */
    public static String lastBytes(Path file, int maxBytes) {
        return lastBytes(file, 0, maxBytes);
    }

    /**
     * The last {@code maxBytes} of what the file holds after byte {@code from} (one command's output in a log that
     * other commands wrote to before it); empty when it cannot be read.
     */
    public static String lastBytes(Path file, long from, int maxBytes) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int tail = (int) Math.max(0, Math.min(length - from, maxBytes));
            byte[] bytes = new byte[tail];
            in.seek(length - tail);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
