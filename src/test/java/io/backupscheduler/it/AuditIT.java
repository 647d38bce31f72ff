package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log on the real server: who changed what, before and after, filterable, for admins only, no secrets. */
class AuditIT {
    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static List<JsonObject> entries(String query) {
        ApiClient.Reply reply = ApiClient.admin().get("/audit?" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void aJobsCreationChangeAndRemovalAreRecordedWithWhoAndBeforeAndAfter() {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/a\","
                + "\"targetPath\":\"/b\"}").json().getJsonNumber("id").longValue();
        long version = ApiClient.admin().get("/jobs/" + job).json().getJsonNumber("version").longValue();
        assertThat(ApiClient.admin().put("/jobs/" + job, "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/a\","
                + "\"targetPath\":\"/b\",\"priority\":\"HIGH\",\"version\":" + version + "}").status()).isEqualTo(200);
        assertThat(ApiClient.admin().delete("/jobs/" + job).status()).isEqualTo(204);

        List<JsonObject> history = entries("targetType=job&targetId=" + job);
        assertThat(history).extracting(e -> e.getString("action")).containsExactly("job.delete", "job.update", "job.create");
        assertThat(history).allMatch(e -> e.getString("actor").equals(ItEnvironment.ADMIN));
        JsonObject update = history.get(1);
        assertThat(update.getJsonObject("before").getString("priority")).isEqualTo("NORMAL");
        assertThat(update.getJsonObject("after").getString("priority")).isEqualTo("HIGH");
        assertThat(history.get(0).isNull("after")).isTrue();
        assertThat(history.get(2).isNull("before")).isTrue();
        assertThat(entries("action=job.update&actor=" + ItEnvironment.ADMIN + "&targetId=" + job)).hasSize(1);
        assertThat(entries("actor=nobody-" + name)).isEmpty();
    }

    @Test
    void operatorsActionsAreRecordedUnderTheirNameAndOnlyAdminsReadTheLog() {
        assertThat(TestUsers.operator().put("/executor", "{\"paused\":true}").status()).isEqualTo(200);
        JsonObject paused = entries("action=executor.pause&actor=" + TestUsers.OPERATOR).get(0);
        assertThat(paused.getJsonObject("after").getBoolean("paused")).isTrue();
        assertThat(TestUsers.operator().get("/audit").status()).isEqualTo(403);
        assertThat(TestUsers.viewer().get("/audit").status()).isEqualTo(403);
        assertThat(ApiClient.admin().get("/audit?from=yesterday").errorFields()).containsExactly("from");
    }

    @Test
    void secretsNeverReachTheLog() {
        String webhook = "audit-hook-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ApiClient.admin().post("/webhooks", "{\"name\":\"" + webhook + "\"}").json().getString("secret");
        String token = TestUsers.viewer().post("/tokens", "{\"name\":\"audited\"}").json().getString("token");
        String log = ApiClient.admin().get("/audit?size=200").body();
        assertThat(log).contains(webhook, "token.issue").doesNotContain(secret).doesNotContain(token);
        assertThat(ItDatabase.queryString("select count(*) from audit_entry where after_json like ? or summary like ?",
                "%" + secret + "%", "%" + token + "%")).isEqualTo("0");
    }
}
