package io.backupscheduler.lib.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The files a directory backup takes: the regular files under one or more source directories, filtered by
 * include and exclude globs, walked in a fixed order (names sorted within each directory) so that two walks of
 * an unchanged tree agree.
 *
 * <p>Paths in the backup are relative: to the source when there is one, and prefixed with the source's own
 * directory name when there are several ({@code /srv/www} and {@code /etc/nginx} give {@code www/...} and
 * {@code nginx/...}). Patterns match those paths. A pattern without {@code /} matches a name at any depth
 * ({@code *.tmp}, {@code node_modules}), like a .gitignore line; a pattern with {@code /} matches the whole path
 * ({@code logs/**}). An excluded directory is not descended into. Includes select files only; without includes
 * every file is taken. Links, sockets and devices are never taken.
 */
public final class FileSelection {
    /** One file the walk yields: where it is, its path in the backup, its attributes when seen. */
    public record Candidate(Path file, String path, BasicFileAttributes attributes) {
    }

    /** Told about each selected file in walk order. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Candidate candidate) throws IOException;
    }

    private final List<Path> sources;
    private final List<String> prefixes;
    private final List<Glob> includes;
    private final List<Glob> excludes;

    private record Glob(PathMatcher matcher, boolean nameOnly) {
        boolean matches(Path path) {
            Path subject = nameOnly ? path.getFileName() : path;
            return subject != null && matcher.matches(subject);
        }
    }

    public FileSelection(List<Path> sources, List<String> includes, List<String> excludes) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a backup needs at least one source");
        }
        List<String> problems = problems(sources.stream().map(Path::toString).toList(), includes, excludes);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        this.sources = List.copyOf(sources);
        this.prefixes = sources.size() == 1 ? List.of("") : sources.stream().map(s -> s.getFileName() + "/").toList();
        this.includes = includes.stream().map(FileSelection::glob).toList();
        this.excludes = excludes.stream().map(FileSelection::glob).toList();
    }

    /** A single source, every file. */
    public static FileSelection of(Path source) {
        return new FileSelection(List.of(source), List.of(), List.of());
    }

    /**
     * What is wrong with these sources and patterns, as "field: problem" lines (empty when nothing is): the fields are
     * {@code sources}, {@code includes} and {@code excludes}. Sources must be absolute; several must have distinct
     * directory names and must not lie inside one another.
     */
    public static List<String> problems(List<String> sources, List<String> includes, List<String> excludes) {
        List<String> problems = new ArrayList<>();
        if (sources.size() > 1) {
            Set<String> names = new HashSet<>();
            List<Path> paths = new ArrayList<>();
            for (String text : sources) {
                Path source = Path.of(text).normalize();
                if (source.getFileName() == null) {
                    problems.add("sources: " + text + " cannot be one of several sources: its files would have no directory name to go under");
                } else if (!names.add(source.getFileName().toString())) {
                    problems.add("sources: two sources are named '" + source.getFileName() + "'; with several sources each directory name must be "
                            + "distinct, because files are stored under it");
                }
                for (Path other : paths) {
                    if (source.startsWith(other) || other.startsWith(source)) {
                        problems.add("sources: " + text + " and " + other + " overlap; list only the outer one");
                    }
                }
                paths.add(source);
            }
        }
        patternProblems("includes", includes, problems);
        patternProblems("excludes", excludes, problems);
        return problems;
    }

    private static void patternProblems(String field, List<String> patterns, List<String> problems) {
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                problems.add(field + ": a pattern must not be blank");
            } else if (pattern.startsWith("/")) {
                problems.add(field + ": '" + pattern + "' must be relative to the source (patterns match paths inside the backup)");
            } else {
                try {
                    glob(pattern);
                } catch (PatternSyntaxException e) {
                    problems.add(field + ": '" + pattern + "' is not a valid glob: " + e.getDescription());
                }
            }
        }
    }

    private static Glob glob(String pattern) {
        String trimmed = pattern.strip();
        while (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1); // "cache/" names the directory cache
        }
        return new Glob(FileSystems.getDefault().getPathMatcher("glob:" + trimmed), !trimmed.contains("/"));
    }

    public List<Path> sources() {
        return sources;
    }

    /** Walks every selected file, in order. A directory that cannot be read fails the walk. */
    public void walk(ArchiveControl control, Visitor visitor) throws IOException {
        Cursor cursor = cursor(control, null);
        for (Candidate candidate = cursor.next(); candidate != null; candidate = cursor.next()) {
            visitor.visit(candidate);
        }
    }

    /**
     * A cursor over the selected files in walk order, for a reader that pulls them one at a time.
     *
     * @param after a path an earlier walk reached (a checkpoint): the cursor starts right after it, null from the start
     */
    public Cursor cursor(ArchiveControl control, String after) {
        return new Cursor(control, after);
    }

    /**
     * Compares two paths in the backup by the order the walk meets them: source by source, then name by name
     * within each directory, a directory's files right after it.
     */
    int walkOrder(String a, String b) {
        String[] left = a.split("/");
        String[] right = b.split("/");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (!left[i].equals(right[i])) {
                if (i == 0 && sources.size() > 1) {
                    return Integer.compare(sourceIndex(left[0]), sourceIndex(right[0]));
                }
                return Path.of(left[i]).compareTo(Path.of(right[i]));
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private int sourceIndex(String name) {
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i).equals(name + "/")) {
                return i;
            }
        }
        return Integer.MAX_VALUE; // a source that is no longer listed: after every current one
    }

    /** Pulls selected files one at a time; it holds one sorted listing per directory level, never the whole tree. */
    public final class Cursor {
        private final ArchiveControl control;
        private final String after;
        private final Deque<Level> levels = new ArrayDeque<>();
        private int source = -1;
        private boolean posix; // the source's file system has permissions, read with the same lstat as the rest

        private static final class Level {
            final String prefix;
            final List<Path> children;
            int next;

            Level(String prefix, List<Path> children) {
                this.prefix = prefix;
                this.children = children;
            }
        }

        private Cursor(ArchiveControl control, String after) {
            this.control = control;
            this.after = after;
        }

        /** The next selected file, or null when the walk is done. */
        public Candidate next() throws IOException {
            while (true) {
                if (levels.isEmpty()) {
                    if (++source >= sources.size()) {
                        return null;
                    }
                    Path root = sources.get(source);
                    posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
                    if (!Files.readAttributes(root, BasicFileAttributes.class).isDirectory()) {
                        throw new IOException("source " + root + " is not a directory");
                    }
                    if (after == null || prefixes.get(source).isEmpty() || !passedWhole(prefixes.get(source).substring(0,
                            prefixes.get(source).length() - 1))) {
                        levels.push(new Level(prefixes.get(source), list(root)));
                    }
                    continue;
                }
                Level level = levels.peek();
                if (level.next >= level.children.size()) {
                    levels.pop();
                    continue;
                }
                Path child = level.children.get(level.next++);
                control.checkpoint();
                BasicFileAttributes attributes;
                try {
                    // on a POSIX file system the same lstat gives the permissions too, which a stored file's mode needs
                    Class<? extends BasicFileAttributes> kind = posix ? PosixFileAttributes.class : BasicFileAttributes.class;
                    attributes = Files.readAttributes(child, kind, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // deleted since the listing: it is simply not in this backup
                }
                String path = level.prefix + child.getFileName();
                Path relative = Path.of(path);
                if (attributes.isDirectory()) {
                    if (!matchesAny(excludes, relative) && (after == null || !passedWhole(path))) {
                        levels.push(new Level(path + "/", list(child)));
                    }
                } else if (attributes.isRegularFile() && !matchesAny(excludes, relative)
                        && (includes.isEmpty() || matchesAny(includes, relative))
                        && (after == null || walkOrder(path, after) > 0)) {
                    return new Candidate(child, path, attributes);
                }
            }
        }

        /** Whether everything under this directory comes before the checkpoint. */
        private boolean passedWhole(String directory) {
            return walkOrder(directory, after) < 0 && !after.startsWith(directory + "/");
        }

        private List<Path> list(Path directory) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                entries.forEach(children::add);
            } catch (IOException e) {
                throw new IOException("cannot read " + directory + ": " + e.getMessage(), e);
            }
            children.sort(null);
            return children;
        }
    }

    private static boolean matchesAny(List<Glob> globs, Path path) {
        for (Glob glob : globs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** How many files and bytes the walk would take now: the totals progress is measured against. */
    public long[] count(ArchiveControl control) throws IOException {
        long[] totals = new long[2];
        walk(control, candidate -> {
            totals[0]++;
            totals[1] += candidate.attributes().size();
        });
        return totals;
    }
}
