package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.lib.archive.RestoreListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore's running account, told by every restoring thread: the run's progress (files and bytes of the totals)
 * and the list of restored files, one per line in {@code restored-files.txt} beside the run's log.
 */
final class RestoredFiles implements RestoreListener, AutoCloseable {
    private final ActiveRun run;
    private final long[] totals;
    private final Path file;
    private final BufferedWriter out;
    private long files;
    private long bytes;

    RestoredFiles(ActiveRun run, long[] totals) throws IOException {
        this.run = run;
        this.totals = totals;
        this.file = run.directory().resolve("restored-files.txt");
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void restored(String path, long size, Outcome outcome) {
        files++;
        bytes += size;
        run.progress(files, Math.max(files, totals[0]), bytes, Math.max(bytes, totals[1]));
        try {
            out.write(outcome == Outcome.WRITTEN ? path : path + "\t" + outcome);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("the list of restored files cannot be written: " + e.getMessage(), e);
        }
    }

    synchronized long count() {
        return files;
    }

    synchronized long bytes() {
        return bytes;
    }

    Path file() {
        return file;
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** The first restored paths, for the log of a failed restore. */
    List<String> firstLines(int limit) {
        List<String> lines = new ArrayList<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < limit && (line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(the list cannot be read: " + e.getMessage() + ")");
        }
        return lines;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
