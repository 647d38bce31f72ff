package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node answering keeps its heartbeat in the database, and GET /nodes shows it (the IT server beats every second). */
class NodesIT {

    @BeforeAll
    static void serverIsUp() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static JsonObject self() {
        ApiClient.Reply reply = TestUsers.viewer().get("/nodes");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonObject> nodes = reply.jsonArray().getValuesAs(JsonObject.class);
        return nodes.stream().filter(n -> n.getBoolean("self")).findFirst()
                .orElseThrow(() -> new AssertionError("the answering node is not listed: " + nodes));
    }

    @Test
    void theAnsweringNodeIsAliveAndItsHeartbeatMoves() throws InterruptedException {
        JsonObject first = self();
        assertThat(first.getString("state")).isEqualTo("ALIVE");
        assertThat(first.getString("host")).isNotBlank();
        assertThat(first.getJsonNumber("pid").longValue()).isPositive();
        Instant seen = Instant.parse(first.getString("lastSeenAt"));
        assertThat(Duration.between(seen, Instant.now()).abs()).isLessThan(Duration.ofSeconds(30));
        assertThat(Instant.parse(first.getString("startedAt"))).isBefore(seen.plusMillis(1));

        Thread.sleep(2500);
        JsonObject later = self();
        assertThat(Instant.parse(later.getString("lastSeenAt"))).as("a newer heartbeat").isAfter(seen);
        assertThat(later.getString("id")).isEqualTo(first.getString("id"));
        assertThat(later.getString("startedAt")).isEqualTo(first.getString("startedAt"));
    }
}
