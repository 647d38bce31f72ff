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
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int tail = (int) Math.min(length, maxBytes);
            byte[] bytes = new byte[tail];
            in.seek(length - tail);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
