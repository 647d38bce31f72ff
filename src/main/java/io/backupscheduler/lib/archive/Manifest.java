package io.backupscheduler.lib.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every file a backup point holds, by path, and the paths deleted since the point before. Stored as UTF-8 text,
 * one file per line: {@code F <sha256> <size> <mtime> <mode octal> <storedIn> <path>} and {@code D <path>} for a
 * deletion, tab-separated, with tab, newline and backslash in paths escaped.
 */
public final class Manifest {
    private static final String HEADER = "# backup-scheduler manifest v1";

    private final Map<String, ManifestEntry> files;
    private final List<String> deleted;

    public Manifest(Map<String, ManifestEntry> files, List<String> deleted) {
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.deleted = List.copyOf(deleted);
    }

    public static Manifest empty() {
        return new Manifest(Map.of(), List.of());
    }

    public Map<String, ManifestEntry> files() {
        return files;
    }

    public List<String> deleted() {
        return deleted;
    }

    public ManifestEntry get(String path) {
        return files.get(path);
    }

    /** The entries whose bytes are in the archive of this point. */
    public List<ManifestEntry> storedIn(long pointId) {
        List<ManifestEntry> stored = new ArrayList<>();
        for (ManifestEntry entry : files.values()) {
            if (entry.storedIn() == pointId) {
                stored.add(entry);
            }
        }
        return stored;
    }

    public void write(Path file) throws IOException {
        write(file, PointSealing.NONE);
    }

    /** Writes the manifest sealed (under its file name) as the point's files are. */
    public void write(Path file, PointSealing sealing) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try (BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(sealing.seal(Files.newOutputStream(temporary),
                file.getFileName().toString()), StandardCharsets.UTF_8))) {
            out.write(HEADER);
            out.write('\n');
            for (ManifestEntry e : files.values()) {
                out.write(line(e));
            }
            for (String path : deleted) {
                out.write("D\t" + escape(path) + '\n');
            }
        }
        // a reader never sees half a manifest: it appears whole or not at all
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Manifest read(Path file) throws IOException {
        return read(file, PointSealing.NONE);
    }

    public static Manifest read(Path file, PointSealing sealing) throws IOException {
        Map<String, ManifestEntry> files = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(sealing.open(Files.newInputStream(file),
                file.getFileName().toString()), StandardCharsets.UTF_8))) {
            if (!HEADER.equals(in.readLine())) {
                throw new IOException(file + " is not a backup manifest");
            }
            parse(file, in, 1, files, deleted, null);
        }
        return new Manifest(files, deleted);
    }

    /** One file's line: {@code F <sha256> <size> <mtime> <mode octal> <storedIn> <path>}. */
    static String line(ManifestEntry e) {
        return "F\t" + e.sha256() + '\t' + e.size() + '\t' + e.modifiedMillis() + '\t' + Integer.toOctalString(e.mode())
                + '\t' + e.storedIn() + '\t' + escape(e.path()) + '\n';
    }

    /** A journal's note that a file changed while it was read: {@code C <path>}. */
    static String changedLine(String path) {
        return "C\t" + escape(path) + '\n';
    }

    /** Reads a point writer's journal: manifest file lines and changed-while-read notes, no header. */
    static void readLines(Path journal, Map<String, ManifestEntry> files, List<String> changed) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            parse(journal, in, 0, files, new ArrayList<>(), changed);
        }
    }

    private static void parse(Path file, BufferedReader in, int number, Map<String, ManifestEntry> files, List<String> deleted,
                              List<String> changed) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            number++;
            String[] fields = line.split("\t", -1);
            try {
                if (fields[0].equals("F") && fields.length == 7) {
                    String path = unescape(fields[6]);
                    files.put(path, new ManifestEntry(path, Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                            Integer.parseInt(fields[4], 8), fields[1], Long.parseLong(fields[5])));
                } else if (fields[0].equals("D") && fields.length == 2) {
                    deleted.add(unescape(fields[1]));
                } else if (fields[0].equals("C") && fields.length == 2 && changed != null) {
                    changed.add(unescape(fields[1]));
                } else {
                    throw new IOException(file + " line " + number + " is not a manifest line");
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + number + " has a bad number: " + e.getMessage(), e);
            }
        }
    }

    static String escape(String path) {
        return path.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Total bytes of these entries. */
    public static long bytes(Collection<ManifestEntry> entries) {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }
}
