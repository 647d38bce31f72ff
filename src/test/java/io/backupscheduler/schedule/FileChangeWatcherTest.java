package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileChangeWatcherTest {
    @Test
    void aGlobIsWatchedFromTheDirectoryBeforeItsFirstWildcard() {
        assertThat(FileChangeWatcher.rootOf("/srv/incoming/**.csv")).isEqualTo(Path.of("/srv/incoming"));
        assertThat(FileChangeWatcher.rootOf("/srv/in*/2026/*.csv")).isEqualTo(Path.of("/srv"));
        assertThat(FileChangeWatcher.rootOf("/srv/{a,b}/x")).isEqualTo(Path.of("/srv"));
        assertThat(FileChangeWatcher.rootOf("/srv/incoming/orders.csv")).as("one file: its directory")
                .isEqualTo(Path.of("/srv/incoming"));
    }
}
