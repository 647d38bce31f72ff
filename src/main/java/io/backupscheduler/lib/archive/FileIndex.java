package io.backupscheduler.lib.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of one backup point, sorted by path, for browsing: one directory level at a time, a name search under a
 * directory, one file by path, and the differences to another point. Built once from the point's manifest (or any
 * source of entries) and kept in parallel arrays, so that a million files cost about a hundred bytes each and a
 * listing is a binary search plus a walk over the directory's own children, never over the whole point.
 * <p>
 * Paths use '/' and have no leading slash; the root directory is the empty path. Children of a directory form one
 * contiguous range of the sorted paths, and so does every subtree: the strings starting with {@code "d/"} all sort
 * before {@code "d0"} ('0' follows '/'), which is how a listing steps over a whole subdirectory at once.
 */
public final class FileIndex {
    private static final HexFormat HEX = HexFormat.of();

    private final String[] paths;
    private final long[] sizes;
    private final long[] modified;
    private final int[] modes;
    private final byte[] hashes; // 32 bytes per file, in path order
    private final BitSet unhashed; // files listed without a hash (a restic snapshot's): compared by size and time

    /**
     * A file or directory as a listing shows it; a directory has no hash and counts the files below it, nor has a
     * file of a restic snapshot (restic lists none).
     */
    public record Item(String name, String path, boolean directory, long size, long modifiedMillis, int mode, String sha256,
                       long files) {
        /** The modification time; null for a directory, which has none of its own here. */
        public Instant modifiedAt() {
            return directory ? null : Instant.ofEpochMilli(modifiedMillis);
        }

        /** The POSIX mode bits as octal digits ("644"); empty for a directory. */
        public String octalMode() {
            return directory ? "" : Integer.toOctalString(mode);
        }
    }

    /** One page of a listing, with the total number of items the listing has. */
    public record Listing(List<Item> items, long total) {
    }

    /**
     * The files added, changed (other content) and deleted from one point to another, each sorted by path and cut
     * at the limit asked for; the totals count them all.
     */
    public record Difference(List<Item> added, long addedTotal, List<Item> changed, long changedTotal, List<Item> deleted,
                             long deletedTotal) {
    }

    public FileIndex(Collection<ManifestEntry> entries) {
        ManifestEntry[] sorted = entries.toArray(ManifestEntry[]::new);
        Arrays.sort(sorted, (a, b) -> a.path().compareTo(b.path()));
        int n = sorted.length;
        paths = new String[n];
        sizes = new long[n];
        modified = new long[n];
        modes = new int[n];
        hashes = new byte[n * 32];
        unhashed = new BitSet(n);
        for (int i = 0; i < n; i++) {
            ManifestEntry e = sorted[i];
            paths[i] = e.path();
            sizes[i] = e.size();
            modified[i] = e.modifiedMillis();
            modes[i] = e.mode();
            if (e.sha256() == null || e.sha256().isEmpty()) {
                unhashed.set(i);
            } else {
                byte[] hash = HEX.parseHex(e.sha256());
                System.arraycopy(hash, 0, hashes, i * 32, Math.min(32, hash.length));
            }
        }
    }

    public int size() {
        return paths.length;
    }

    /** The file at this path, if the point holds one. */
    public Optional<Item> file(String path) {
        int i = Arrays.binarySearch(paths, path);
        return i < 0 ? Optional.empty() : Optional.of(fileAt(i, name(path)));
    }

    /** Whether this path is the root or a directory of the point (a directory exists when a file lies below it). */
    public boolean isDirectory(String path) {
        if (path.isEmpty()) {
            return true;
        }
        int from = lowerBound(path + "/");
        return from < paths.length && paths[from].startsWith(path + "/");
    }

    /**
     * One page of a directory's children in path order (a directory sorts as its name and a slash): files with
     * their details, subdirectories with the number of files below them. {@code offset} counts items, {@code limit}
     * is the page size.
     */
    public Listing list(String directory, long offset, int limit) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<Item> items = new ArrayList<>(Math.max(0, Math.min(limit, 1024)));
        long total = 0;
        int i = lowerBound(prefix);
        while (i < paths.length && paths[i].startsWith(prefix)) {
            String rest = paths[i].substring(prefix.length());
            int slash = rest.indexOf('/');
            int next;
            Item item = null;
            boolean wanted = total >= offset && items.size() < limit;
            if (slash < 0) {
                next = i + 1;
                if (wanted) {
                    item = fileAt(i, rest);
                }
            } else {
                String child = prefix + rest.substring(0, slash);
                next = lowerBound(child + "0"); // past every path under child + "/"
                if (wanted) {
                    item = new Item(rest.substring(0, slash), child, true, 0, 0, 0, null, next - i);
                }
            }
            if (item != null) {
                items.add(item);
            }
            total++;
            i = next;
        }
        return new Listing(items, total);
    }

    /** Files under a directory (at any depth) whose name contains {@code text}, ignoring case; sorted by path. */
    public Listing search(String directory, String text, long offset, int limit) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        String wanted = text.toLowerCase(Locale.ROOT);
        List<Item> items = new ArrayList<>();
        long total = 0;
        for (int i = lowerBound(prefix); i < paths.length && paths[i].startsWith(prefix); i++) {
            String name = name(paths[i]);
            if (name.toLowerCase(Locale.ROOT).contains(wanted)) {
                if (total >= offset && items.size() < limit) {
                    items.add(fileAt(i, name));
                }
                total++;
            }
        }
        return new Listing(items, total);
    }

    /**
     * What changed from {@code older} to this point: files only here (added), files in both with other content
     * (size or hash), and files only in {@code older} (deleted). At most {@code limit} of each are listed.
     */
    public Difference since(FileIndex older, int limit) {
        List<Item> added = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        List<Item> deleted = new ArrayList<>();
        long[] totals = new long[3];
        int i = 0;
        int j = 0;
        while (i < paths.length || j < older.paths.length) {
            int order = i == paths.length ? 1 : j == older.paths.length ? -1 : paths[i].compareTo(older.paths[j]);
            if (order < 0) {
                addUpTo(added, totals, 0, this, i, limit);
                i++;
            } else if (order > 0) {
                addUpTo(deleted, totals, 2, older, j, limit);
                j++;
            } else {
                if (sizes[i] != older.sizes[j] || !sameContent(i, older, j)) {
                    addUpTo(changed, totals, 1, this, i, limit);
                }
                i++;
                j++;
            }
        }
        return new Difference(added, totals[0], changed, totals[1], deleted, totals[2]);
    }

    /** Same hash; where either side has none, the same modification time stands in for it (as restic decides). */
    private boolean sameContent(int i, FileIndex older, int j) {
        if (unhashed.get(i) || older.unhashed.get(j)) {
            return modified[i] == older.modified[j];
        }
        return Arrays.equals(hashes, i * 32, i * 32 + 32, older.hashes, j * 32, j * 32 + 32);
    }

    private static void addUpTo(List<Item> list, long[] totals, int kind, FileIndex index, int i, int limit) {
        if (list.size() < limit) {
            list.add(index.fileAt(i, name(index.paths[i])));
        }
        totals[kind]++;
    }

    private Item fileAt(int i, String name) {
        String sha256 = unhashed.get(i) ? null : HEX.formatHex(hashes, i * 32, i * 32 + 32);
        return new Item(name, paths[i], false, sizes[i], modified[i], modes[i], sha256, 1);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The first index whose path is not below {@code key} in sort order. */
    private int lowerBound(String key) {
        int low = 0;
        int high = paths.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (paths[mid].compareTo(key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
