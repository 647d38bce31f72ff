package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lines of restic backup --json, as restic 0.14 to 0.18 print them. */
class ResticMessagesTest {
    @Test
    void statusLinesBecomeProgressAndTheSummaryNamesTheSnapshot() {
        assertThat(ResticMessages.status("{\"message_type\":\"status\",\"seconds_elapsed\":2,\"seconds_remaining\":7,\"percent_done\":0.2,"
                + "\"total_files\":100,\"files_done\":20,\"total_bytes\":1000000,\"bytes_done\":200000,\"current_files\":[\"/srv/a\"]}"))
                .hasValue(new ResticMessages.Status(20, 100, 200_000, 1_000_000, 7L));
        assertThat(ResticMessages.status("{\"message_type\":\"status\",\"percent_done\":0,\"total_files\":1,\"total_bytes\":200000}"))
                .hasValue(new ResticMessages.Status(0, 1, 0, 200_000, null));
        assertThat(ResticMessages.summary("{\"message_type\":\"summary\",\"files_new\":20,\"files_changed\":1,\"files_unmodified\":3,"
                + "\"dirs_new\":2,\"data_added\":4007597,\"total_files_processed\":24,\"total_bytes_processed\":4000000,"
                + "\"total_duration\":0.25,\"snapshot_id\":\"a12c2a3f\"}"))
                .hasValue(new ResticMessages.Summary("a12c2a3f", 20, 1, 3, 4_007_597, 24, 4_000_000));
    }

    @Test
    void otherLinesAreLeftToTheLog() {
        assertThat(ResticMessages.status("Fatal: wrong password or no key found")).isEmpty();
        assertThat(ResticMessages.status("{\"message_type\":\"summary\",\"snapshot_id\":\"x\"}")).isEmpty();
        assertThat(ResticMessages.summary("{\"message_type\":\"status\"")).as("cut by the log cap").isEmpty();
        assertThat(ResticMessages.summary("{\"message_type\":\"error\",\"error\":{},\"during\":\"scan\",\"item\":\"/x\"}")).isEmpty();
    }

    @Test
    void lsNodesBecomeCatalogueFilesWithoutTheLeadingSlashOrAHash() {
        String file = "{\"name\":\"b [1].txt\",\"type\":\"file\",\"path\":\"/srv/data/b [1].txt\",\"uid\":0,\"gid\":0,\"size\":4,"
                + "\"mode\":416,\"permissions\":\"-rw-r-----\",\"mtime\":\"2026-12-03T16:24:40.196324076Z\",\"struct_type\":\"node\"}";
        var entry = ResticMessages.file(file, 7).orElseThrow();
        assertThat(entry.path()).isEqualTo("srv/data/b [1].txt");
        assertThat(entry.size()).isEqualTo(4);
        assertThat(entry.mode()).isEqualTo(0640);
        assertThat(entry.modifiedMillis()).isEqualTo(java.time.Instant.parse("2026-12-03T16:24:40.196Z").toEpochMilli());
        assertThat(entry.sha256()).isNull();
        assertThat(entry.storedIn()).isEqualTo(7);
        String directory = "{\"name\":\"srv\",\"type\":\"dir\",\"path\":\"/srv\",\"mode\":2147484141,\"struct_type\":\"node\"}";
        String snapshot = "{\"time\":\"2026-12-03T16:24:42Z\",\"paths\":[\"/srv\"],\"id\":\"bcf9\",\"struct_type\":\"snapshot\"}";
        assertThat(ResticMessages.file(directory, 7)).isEmpty();
        assertThat(ResticMessages.file(snapshot, 7)).isEmpty();
        assertThat(ResticMessages.file("Fatal: wrong password", 7)).isEmpty();
    }
}
