package io.backupscheduler.lib.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailTest {
    @Test
    void theTailOfOneCommandsOutputLeavesOutWhatEarlierCommandsWrote(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("output.log");
        Files.writeString(log, "Is there a repository at the following location?\n");
        long start = Files.size(log);
        Files.writeString(log, "repository is already locked\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(FileTail.lastBytes(log, start, 2048)).isEqualTo("repository is already locked\n");
        assertThat(FileTail.lastBytes(log, 2048)).startsWith("Is there");
        assertThat(FileTail.lastBytes(log, start, 6)).isEqualTo("ocked\n");
        assertThat(FileTail.lastBytes(log, Files.size(log), 2048)).isEmpty();
        assertThat(FileTail.lastBytes(directory.resolve("missing.log"), 0, 2048)).isEmpty();
    }
}
