package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ordinary refusals (400, 404, 409) are answers, not incidents: Liberty writes no FFDC incident file for them, while
 * the answers still say what was wrong and nothing of the refused change is kept. Liberty only (its FFDC directory).
 */
class RefusalIncidentsIT {
    private static final Path FFDC = Path.of(System.getProperty("it.liberty.server.script", "target/liberty/wlp/bin/server"))
            .getParent().getParent().resolve("usr/servers").resolve(System.getProperty("it.liberty.server.name", "backupSchedulerIT"))
            .resolve("logs/ffdc");

    @BeforeAll
    static void serverUp() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static List<String> incidentsSince(Instant since) throws IOException {
        if (!Files.isDirectory(FFDC)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(FFDC)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ffdc_")).filter(f -> f.toFile().lastModified() >= since.toEpochMilli())
                    .map(f -> {
                        try {
                            return Files.readString(f).lines().filter(l -> l.startsWith("Exception = ")).findFirst().orElse(f.toString());
                        } catch (IOException e) {
                            return f + ": " + e.getMessage();
                        }
                    }).toList();
        }
    }

    @Test
    void badInputUnknownIdsAndConflictsAreAnsweredWithoutAnIncidentAndKeepNothing() throws Exception {
        assertThat(FFDC.getParent()).as("the IT server's log directory").isDirectory();
        Instant since = Instant.now().minusSeconds(1);
        String name = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply bad = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"relative\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("targetPath");
        ApiClient.Reply missing = ApiClient.admin().get("/jobs/987654321");
        assertThat(missing.status()).isEqualTo(404);
        ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"/tmp/" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        ApiClient.Reply duplicate = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"/tmp/" + name + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        long id = created.json().getJsonNumber("id").longValue();
        ApiClient.Reply stale = ApiClient.admin().put("/jobs/" + id, "{\"name\":\"" + name + "-renamed\",\"kind\":\"COMMAND\",\"command\":[\"true\"],"
                + "\"targetPath\":\"/tmp/" + name + "\",\"version\":99}");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(ApiClient.admin().get("/jobs/" + id).json().getString("name")).as("the refused edit kept nothing").isEqualTo(name);
        ApiClient.Reply unknownEntry = TestUsers.operator().delete("/queue/987654321");
        assertThat(unknownEntry.status()).isEqualTo(404);

        Thread.sleep(1500); // FFDC files are written by a thread of their own
        assertThat(incidentsSince(since)).as("FFDC incidents written while the server refused").filteredOn(l -> l.contains("io.backupscheduler"))
                .isEmpty();
    }
}
