package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileIndexTest {
    private static final String H1 = "11".repeat(32);
    private static final String H2 = "22".repeat(32);

    private static ManifestEntry file(String path, long size, String hash) {
        return new ManifestEntry(path, size, 1_700_000_000_000L, 0644, hash, 1);
    }

    private static final FileIndex INDEX = new FileIndex(List.of(
            file("etc/nginx/nginx.conf", 120, H1),
            file("etc/nginx/sites/a.conf", 10, H1),
            file("etc/nginx/sites/b.conf", 11, H1),
            file("etc/hosts", 30, H1),
            file("etc-old/hosts", 31, H1), // sorts between "etc" and "etc/": must not leak into etc's listing
            file("readme.txt", 5, H2),
            file("var/log/app.log", 900, H2)));

    private static List<String> names(FileIndex.Listing listing) {
        return listing.items().stream().map(i -> i.name() + (i.directory() ? "/" : "")).toList();
    }

    @Test
    void theRootListsItsFilesAndDirectoriesByNameWithFileCounts() {
        FileIndex.Listing root = INDEX.list("", 0, 100);
        assertThat(names(root)).containsExactly("etc-old/", "etc/", "readme.txt", "var/");
        assertThat(root.total()).isEqualTo(4);
        assertThat(root.items().get(1).files()).isEqualTo(4);
        assertThat(root.items().get(1).path()).isEqualTo("etc");
        FileIndex.Item readme = root.items().get(2);
        assertThat(readme.size()).isEqualTo(5);
        assertThat(readme.sha256()).isEqualTo(H2);
        assertThat(readme.mode()).isEqualTo(0644);
    }

    @Test
    void aDirectoryListsOnlyItsOwnChildrenNotItsNeighbours() {
        assertThat(names(INDEX.list("etc", 0, 100))).containsExactly("hosts", "nginx/");
        assertThat(names(INDEX.list("etc/nginx", 0, 100))).containsExactly("nginx.conf", "sites/");
        assertThat(names(INDEX.list("etc/nginx/sites", 0, 100))).containsExactly("a.conf", "b.conf");
    }

    @Test
    void pagesCountEveryChildAndReturnOnlyTheirSlice() {
        FileIndex.Listing second = INDEX.list("", 1, 2);
        assertThat(names(second)).containsExactly("etc/", "readme.txt");
        assertThat(second.total()).isEqualTo(4);
        assertThat(INDEX.list("", 10, 2).items()).isEmpty();
    }

    @Test
    void directoriesExistWhereFilesLieBelowThem() {
        assertThat(INDEX.isDirectory("")).isTrue();
        assertThat(INDEX.isDirectory("etc/nginx")).isTrue();
        assertThat(INDEX.isDirectory("etc/ngin")).isFalse();
        assertThat(INDEX.isDirectory("readme.txt")).isFalse();
        assertThat(INDEX.file("etc/hosts")).map(FileIndex.Item::size).contains(30L);
        assertThat(INDEX.file("etc")).isEmpty();
    }

    @Test
    void searchFindsNamesAtAnyDepthUnderTheDirectoryIgnoringCase() {
        FileIndex.Listing conf = INDEX.search("etc", "CONF", 0, 100);
        assertThat(conf.items()).extracting(FileIndex.Item::path)
                .containsExactly("etc/nginx/nginx.conf", "etc/nginx/sites/a.conf", "etc/nginx/sites/b.conf");
        assertThat(INDEX.search("", "hosts", 0, 100).items()).extracting(FileIndex.Item::path)
                .containsExactly("etc-old/hosts", "etc/hosts");
        assertThat(INDEX.search("etc", "conf", 1, 1).total()).isEqualTo(3);
    }

    @Test
    void theDifferenceNamesAddedChangedAndDeletedFiles() {
        FileIndex newer = new FileIndex(List.of(
                file("etc/hosts", 30, H1), // same
                file("etc/nginx/nginx.conf", 120, H2), // same size, other content
                file("readme.txt", 6, H2), // other size
                file("new.txt", 1, H1)));
        FileIndex.Difference d = newer.since(INDEX, 100);
        assertThat(d.added()).extracting(FileIndex.Item::path).containsExactly("new.txt");
        assertThat(d.changed()).extracting(FileIndex.Item::path).containsExactly("etc/nginx/nginx.conf", "readme.txt");
        assertThat(d.deleted()).extracting(FileIndex.Item::path)
                .containsExactly("etc-old/hosts", "etc/nginx/sites/a.conf", "etc/nginx/sites/b.conf", "var/log/app.log");
        FileIndex.Difference cut = newer.since(INDEX, 1);
        assertThat(cut.deleted()).hasSize(1);
        assertThat(cut.deletedTotal()).isEqualTo(4);
        assertThat(cut.changedTotal()).isEqualTo(2);
    }

    @Test
    void aLargeFlatDirectoryPagesWithoutLosingOrRepeatingAFile() {
        List<ManifestEntry> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(file(String.format("d/f%05d", i), i, H1));
        }
        many.add(file("d/sub/x", 1, H1));
        FileIndex index = new FileIndex(many);
        List<String> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            FileIndex.Listing listing = index.list("d", page * 1000L, 1000);
            assertThat(listing.total()).isEqualTo(10_001);
            if (listing.items().isEmpty()) {
                break;
            }
            listing.items().forEach(i -> seen.add(i.name()));
        }
        assertThat(seen).hasSize(10_001).doesNotHaveDuplicates().endsWith("sub");
    }

    @Test
    void filesListedWithoutAHashShowNoneAndCompareBySizeAndTime() {
        FileIndex older = new FileIndex(List.of(
                new ManifestEntry("srv/a.txt", 5, 1_000L, 0644, null, 1),
                new ManifestEntry("srv/b.txt", 5, 1_000L, 0644, null, 1),
                new ManifestEntry("srv/c.txt", 5, 1_000L, 0644, null, 1)));
        FileIndex newer = new FileIndex(List.of(
                new ManifestEntry("srv/a.txt", 5, 1_000L, 0644, null, 2), // untouched
                new ManifestEntry("srv/b.txt", 5, 2_000L, 0644, null, 2), // rewritten, same size
                new ManifestEntry("srv/c.txt", 6, 1_000L, 0644, "", 2))); // grown
        assertThat(newer.file("srv/a.txt").orElseThrow().sha256()).isNull();
        FileIndex.Difference difference = newer.since(older, 10);
        assertThat(difference.changed()).extracting(FileIndex.Item::path).containsExactly("srv/b.txt", "srv/c.txt");
        assertThat(difference.added()).isEmpty();
        assertThat(difference.deleted()).isEmpty();
    }
}
