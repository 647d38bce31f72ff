package io.backupscheduler.lib.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources, globs and the order of the walk, on real trees. */
class FileSelectionTest {
    @TempDir
    Path dir;

    private Path www;
    private Path nginx;

    @BeforeEach
    void trees() throws IOException {
        www = Files.createDirectories(dir.resolve("srv/www"));
        write(www, "index.html", "b/page.html", "b/a.tmp", "a.tmp", "node_modules/x/lib.js", "logs/2026/app.log", "logs/keep.txt");
        nginx = Files.createDirectories(dir.resolve("etc/nginx"));
        write(nginx, "nginx.conf", "sites/default");
        Files.createSymbolicLink(www.resolve("link-to-etc"), nginx);
    }

    private static void write(Path root, String... paths) throws IOException {
        for (String path : paths) {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, path);
        }
    }

    private static List<String> walk(FileSelection selection) throws IOException {
        List<String> paths = new ArrayList<>();
        selection.walk(ArchiveControl.NONE, candidate -> paths.add(candidate.path()));
        return paths;
    }

    @Test
    void oneSourceGivesPathsRelativeToItInSortedOrderWithoutFollowingLinks() throws IOException {
        assertThat(walk(FileSelection.of(www))).containsExactly("a.tmp", "b/a.tmp", "b/page.html", "index.html", "logs/2026/app.log",
                "logs/keep.txt", "node_modules/x/lib.js");
    }

    @Test
    void severalSourcesGoUnderTheirDirectoryNames() throws IOException {
        assertThat(walk(new FileSelection(List.of(www, nginx), List.of(), List.of("**")))).isEmpty();
        assertThat(walk(new FileSelection(List.of(nginx, www), List.of("*.conf", "www/index.html"), List.of())))
                .containsExactly("nginx/nginx.conf", "www/index.html");
    }

    @Test
    void namePatternsMatchAtAnyDepthAndPathPatternsMatchTheWholePath() throws IOException {
        FileSelection selection = new FileSelection(List.of(www), List.of(), List.of("*.tmp", "node_modules", "logs/2026/"));
        assertThat(walk(selection)).containsExactly("b/page.html", "index.html", "logs/keep.txt");
        assertThat(walk(new FileSelection(List.of(www), List.of("logs/**"), List.of()))).containsExactly("logs/2026/app.log", "logs/keep.txt");
    }

    @Test
    void countAgreesWithTheWalk() throws IOException {
        FileSelection selection = new FileSelection(List.of(www), List.of(), List.of("*.tmp"));
        long[] totals = selection.count(ArchiveControl.NONE);
        Map<String, Long> sizes = new TreeMap<>();
        selection.walk(ArchiveControl.NONE, candidate -> sizes.put(candidate.path(), candidate.attributes().size()));
        assertThat(totals).containsExactly(sizes.size(), sizes.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void badSourcesAndPatternsAreNamed() {
        assertThat(FileSelection.problems(List.of("/a/data", "/b/data"), List.of(), List.of()))
                .containsExactly("sources: two sources are named 'data'; with several sources each directory name must be distinct, "
                        + "because files are stored under it");
        assertThat(FileSelection.problems(List.of("/srv", "/srv/www"), List.of(), List.of()))
                .containsExactly("sources: /srv/www and /srv overlap; list only the outer one");
        assertThat(FileSelection.problems(List.of("/srv"), List.of("/abs/*"), List.of("a[b", " ")))
                .containsExactly("includes: '/abs/*' must be relative to the source (patterns match paths inside the backup)",
                        "excludes: 'a[b' is not a valid glob: Missing ']",
                        "excludes: a pattern must not be blank");
        assertThat(FileSelection.problems(List.of("/srv/www", "/etc/nginx"), List.of("*.conf"), List.of("logs/**"))).isEmpty();
        assertThatThrownBy(() -> new FileSelection(List.of(www), List.of("/x"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSourceThatIsNotADirectoryFailsTheWalk() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> walk(FileSelection.of(file))).isInstanceOf(IOException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void aCursorResumedAfterAnyPathYieldsExactlyTheRestOfTheWalk() throws IOException {
        write(www, "a-c/x.txt", "a/b.txt", "a/b/c.txt", "a.b");
        for (FileSelection selection : List.of(FileSelection.of(www), new FileSelection(List.of(www, nginx), List.of(), List.of("*.tmp")))) {
            List<String> all = walk(selection);
            for (int i = 0; i < all.size(); i++) {
                List<String> rest = new ArrayList<>();
                FileSelection.Cursor cursor = selection.cursor(ArchiveControl.NONE, all.get(i));
                for (FileSelection.Candidate c = cursor.next(); c != null; c = cursor.next()) {
                    rest.add(c.path());
                }
                assertThat(rest).as("after " + all.get(i)).isEqualTo(all.subList(i + 1, all.size()));
            }
        }
    }

    @Test
    void aCursorResumedAfterAFileDeletedMeanwhileStillStartsInTheRightPlace() throws IOException {
        List<String> all = walk(FileSelection.of(www));
        Files.delete(www.resolve("b/page.html"));
        List<String> rest = new ArrayList<>();
        FileSelection.Cursor cursor = FileSelection.of(www).cursor(ArchiveControl.NONE, "b/page.html");
        for (FileSelection.Candidate c = cursor.next(); c != null; c = cursor.next()) {
            rest.add(c.path());
        }
        assertThat(rest).isEqualTo(all.subList(all.indexOf("b/page.html") + 1, all.size()));
    }
}
