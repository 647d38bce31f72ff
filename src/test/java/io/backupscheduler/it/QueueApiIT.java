package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The queue endpoints on the real server and database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueApiIT {
    private static long jobId;

    @BeforeAll
    static void aJob() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        jobId = ApiClient.admin().post("/jobs", "{\"name\":\"queue-it-" + System.nanoTime()
                        + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"priority\":\"LOW\",\"maxRetries\":1}")
                .json().getJsonNumber("id").longValue();
    }

    private static long enqueue(String extra) {
        ApiClient.Reply reply = TestUsers.operator().post("/queue", "{\"jobId\":" + jobId + extra + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static JsonObject entry(long id) {
        return ApiClient.admin().get("/queue/" + id).json();
    }

    private static List<Long> dependsOn(JsonObject entry) {
        return entry.getJsonArray("dependsOn").getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValue).toList();
    }

    @Test
    @Order(1)
    void runningAJobQueuesItReadyWithTheJobsSettings() {
        ApiClient.Reply reply = TestUsers.operator().send("POST", "/jobs/" + jobId + "/run", null, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject entry = reply.json();
        assertThat(entry.getString("status")).isEqualTo("READY");
        assertThat(entry.getString("priority")).isEqualTo("LOW");
        assertThat(entry.getInt("maxAttempts")).isEqualTo(2);
        assertThat(reply.header("Location")).endsWith("/api/v1/queue/" + entry.getJsonNumber("id"));
        JsonObject urgent = TestUsers.operator().post("/jobs/" + jobId + "/run",
                "{\"priority\":\"CRITICAL\",\"data\":{\"mode\":\"FULL\"}}").json();
        assertThat(urgent.getString("priority")).isEqualTo("CRITICAL");
        assertThat(urgent.getJsonObject("data").getString("mode")).isEqualTo("FULL");
        assertThat(ApiClient.admin().post("/jobs/999999/run", "{}").status()).isEqualTo(404);
        assertThat(ApiClient.admin().post("/jobs/" + jobId + "/run", "{\"priority\":\"SOON\"}").errorFields())
                .containsExactly("priority");
        assertThat(ApiClient.admin().post("/jobs/" + jobId + "/run", "[1]").errorFields()).containsExactly("body");
    }

    @Test
    @Order(2)
    void dependenciesMakeEntriesWaitAndCyclesAreRefusedNamingThem() {
        long dump = enqueue("");
        long files = enqueue(",\"dependsOn\":[" + dump + "],\"onDependencyFailure\":\"SKIP\"");
        JsonObject waiting = entry(files);
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("statusReason")).isEqualTo("waits for " + dump);
        assertThat(dependsOn(waiting)).containsExactly(dump);
        assertThat(waiting.getJsonArray("history")).isEmpty();

        ApiClient.Reply cycle = TestUsers.operator().post("/queue/" + dump + "/dependencies", "{\"dependsOn\":[" + files + "]}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.contentType()).startsWith("application/problem+json");
        assertThat(cycle.json().getString("detail")).contains(dump + " -> " + files + " -> " + dump);
        assertThat(dependsOn(entry(dump))).isEmpty();
        assertThat(entry(dump).getString("status")).isEqualTo("READY");
    }

    @Test
    @Order(3)
    void chainsLinkEachEntryToTheOneBefore() {
        long a = enqueue("");
        long b = enqueue("");
        long c = enqueue("");
        ApiClient.Reply reply = TestUsers.operator().post("/queue/chains", "{\"entries\":[" + a + "," + b + "," + c + "]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(dependsOn(entry(c))).containsExactly(b);
        assertThat(dependsOn(entry(b))).containsExactly(a);
        assertThat(entry(c).getString("status")).isEqualTo("PENDING");
        assertThat(TestUsers.operator().post("/queue/chains", "{\"entries\":[" + a + "]}").errorFields()).containsExactly("entries");
        assertThat(TestUsers.operator().post("/queue/chains", "{\"entries\":[" + a + "," + a + "]}").errorFields())
                .containsExactly("entries");
    }

    @Test
    @Order(4)
    void listsFilterByStatusAndStatisticsCount() {
        JsonObject pending = ApiClient.admin().get("/queue?status=PENDING&size=100").json();
        assertThat(pending.getInt("total")).isPositive();
        assertThat(pending.getJsonArray("items").getValuesAs(JsonObject.class))
                .allMatch(e -> e.getString("status").equals("PENDING"));
        JsonObject readyOrPending = ApiClient.admin().get("/queue?status=READY&status=pending").json();
        assertThat(readyOrPending.getInt("total")).isGreaterThan(pending.getInt("total"));
        JsonObject stats = TestUsers.viewer().get("/queue/stats").json();
        assertThat(stats.getJsonObject("byStatus").getInt("PENDING")).isEqualTo(pending.getInt("total"));
        assertThat(stats.getJsonNumber("size").longValue()).isGreaterThanOrEqualTo(readyOrPending.getInt("total"));
        assertThat(stats.getJsonObject("byPriority").containsKey("CRITICAL")).isTrue();
        assertThat(ApiClient.admin().get("/queue?status=LOST").errorFields()).containsExactly("status");
    }

    @Test
    @Order(5)
    void badInputIsNamedAndUnknownEntriesAre404() {
        ApiClient operator = TestUsers.operator();
        assertThat(operator.post("/queue", "{}").errorFields()).containsExactly("jobId");
        assertThat(operator.post("/queue", "{\"jobId\":999999}").errorFields()).containsExactly("jobId");
        assertThat(operator.post("/queue", "{\"jobId\":" + jobId + ",\"dependsOn\":[999999]}").errorFields())
                .containsExactly("dependsOn");
        assertThat(operator.post("/queue", "{\"jobId\":" + jobId + ",\"priority\":\"URGENT\"}").errorFields())
                .containsExactly("priority");
        assertThat(operator.post("/queue", "{\"jobId\":" + jobId + ",\"onDependencyFailure\":\"PANIC\"}").errorFields())
                .containsExactly("onDependencyFailure");
        assertThat(operator.post("/queue/1/dependencies", "{\"dependsOn\":[]}").errorFields()).containsExactly("dependsOn");
        assertThat(ApiClient.admin().get("/queue/999999").status()).isEqualTo(404);
        assertThat(ApiClient.admin().get("/queue/abc").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void removingAnEntryReleasesItsDependents() {
        long first = enqueue("");
        long second = enqueue(",\"dependsOn\":[" + first + "]");
        assertThat(TestUsers.operator().delete("/queue/" + first).status()).isEqualTo(204);
        assertThat(ApiClient.admin().get("/queue/" + first).status()).isEqualTo(404);
        assertThat(entry(second).getString("status")).isEqualTo("READY");
    }

    @Test
    @Order(7)
    void deadLettersListAndRefuseWhatIsNotDead() {
        assertThat(TestUsers.viewer().get("/dead-letters").status()).isEqualTo(200);
        long ready = enqueue("");
        ApiClient.Reply notDead = TestUsers.operator().post("/dead-letters/" + ready + "/retry", "");
        assertThat(notDead.status()).isEqualTo(409);
        assertThat(TestUsers.operator().delete("/dead-letters/" + ready).status()).isEqualTo(409);
        assertThat(TestUsers.operator().post("/dead-letters/999999/retry", "").status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void viewersReadTheQueueButChangeNothing() {
        ApiClient viewer = TestUsers.viewer();
        assertThat(viewer.get("/queue").status()).isEqualTo(200);
        assertThat(viewer.post("/queue", "{\"jobId\":" + jobId + "}").status()).isEqualTo(403);
        assertThat(viewer.send("POST", "/jobs/" + jobId + "/run", null, null).status()).isEqualTo(403);
        assertThat(viewer.delete("/queue/1").status()).isEqualTo(403);
        assertThat(TestUsers.operator().delete("/queue").status()).isEqualTo(403);
    }

    @Test
    @Order(9)
    void aJobWithARunUnderWayCannotBeDeleted() {
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"busy-" + System.nanoTime()
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}").json().getJsonNumber("id").longValue();
        long entry = ApiClient.admin().post("/jobs/" + job + "/run", "{}").json().getJsonNumber("id").longValue();
        ItDatabase.execute("update queue_entry set status = 'RUNNING', attempts = 1, attempts_ever = 1, lease_owner = 'it-node',"
                + " lease_expires_at = now() + interval '1 hour' where id = ?", entry);
        ApiClient.Reply refused = ApiClient.admin().delete("/jobs/" + job);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("under way");
        assertThat(ApiClient.admin().get("/jobs/" + job).status()).isEqualTo(200);
        assertThat(TestUsers.operator().delete("/queue/" + entry).status()).as("nor can its running entry").isEqualTo(409);
        ItDatabase.execute("update queue_entry set status = 'SUCCEEDED', lease_owner = null, lease_expires_at = null,"
                + " finished_at = now() where id = ?", entry);
        assertThat(ApiClient.admin().delete("/jobs/" + job).status()).isEqualTo(204);
        assertThat(ApiClient.admin().get("/queue/" + entry).status()).as("its history goes with it").isEqualTo(404);
    }

    @Test
    @Order(10)
    void anAdminClearsTheQueue() {
        JsonObject cleared = ApiClient.admin().delete("/queue").json();
        assertThat(cleared.getJsonNumber("removed").longValue()).isPositive();
        assertThat(ApiClient.admin().get("/queue").json().getInt("total")).isZero();
    }
}
