package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secret store through the API: values go in and never come out, changes are audited without them. */
class SecretsIT {
    @BeforeAll
    static void ready() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void aSecretIsSetListedReplacedRotatedAndDeletedWithoutItsValueEverShown() {
        String name = "restic-" + UUID.randomUUID().toString().substring(0, 8);
        String value = "correct horse " + UUID.randomUUID();

        ApiClient.Reply created = ApiClient.admin().put("/secrets/" + name, "{\"value\":\"" + value + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/secrets/" + name);
        assertThat(created.json().getString("name")).isEqualTo(name);
        assertThat(created.body()).doesNotContain(value).doesNotContain("horse");

        ApiClient.Reply listed = ApiClient.admin().get("/secrets");
        assertThat(listed.body()).contains(name).doesNotContain("horse");
        JsonObject shown = ApiClient.admin().get("/secrets/" + name).json();
        assertThat(shown.getString("updatedBy")).isEqualTo(ItEnvironment.ADMIN);
        assertThat(shown.keySet()).containsExactlyInAnyOrder("name", "createdAt", "updatedAt", "updatedBy");

        ApiClient.Reply replaced = ApiClient.admin().put("/secrets/" + name, "{\"value\":\"another " + value + "\"}");
        assertThat(replaced.status()).isEqualTo(200);
        ApiClient.Reply audit = ApiClient.admin().get("/audit?targetType=secret&targetId=" + name);
        assertThat(audit.json().getInt("total")).isEqualTo(2);
        assertThat(audit.body()).contains("secret.create", "secret.update").doesNotContain("horse");

        ApiClient.Reply rotated = ApiClient.admin().post("/secrets/rotate-key", "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.json().getInt("reencrypted")).isPositive();
        assertThat(ApiClient.admin().put("/secrets/" + name, "{\"value\":\"after the rotation\"}").status()).isEqualTo(200);

        assertThat(ApiClient.admin().delete("/secrets/" + name).status()).isEqualTo(204);
        assertThat(ApiClient.admin().get("/secrets/" + name).status()).isEqualTo(404);
        assertThat(ApiClient.admin().delete("/secrets/" + name).status()).isEqualTo(404);
    }

    @Test
    void badNamesAndMissingValuesAreRefusedAndOnlyAdminsMaySeeSecrets() {
        ApiClient.Reply badName = ApiClient.admin().put("/secrets/-bad", "{\"value\":\"x\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.contentType()).startsWith("application/problem+json");
        assertThat(badName.errorFields()).containsExactly("name");
        assertThat(ApiClient.admin().put("/secrets/fine-name", "{}").errorFields()).containsExactly("value");
        assertThat(ApiClient.admin().put("/secrets/fine-name", "{\"value\":\"\"}").errorFields()).containsExactly("value");
        assertThat(ApiClient.admin().get("/secrets/fine-name").status()).isEqualTo(404);
        assertThat(TestUsers.operator().get("/secrets").status()).isEqualTo(403);
        assertThat(TestUsers.operator().put("/secrets/mine", "{\"value\":\"x\"}").status()).isEqualTo(403);
        assertThat(ApiClient.anonymous().get("/secrets").status()).isEqualTo(401);
    }
}
