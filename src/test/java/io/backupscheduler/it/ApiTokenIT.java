package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API tokens on the real server: made once, used as Bearer with the user's roles, revoked, expired; and lockout. */
class ApiTokenIT {
    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void aTokenActsAsItsUserUntilItIsRevoked() {
        ApiClient.Reply made = TestUsers.viewer().post("/tokens", "{\"name\":\"dashboards\",\"expiresInDays\":7}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String value = made.json().getString("token");
        assertThat(value).startsWith("bst_").hasSizeGreaterThan(40);
        JsonObject details = made.json().getJsonObject("details");
        assertThat(details.getString("prefix")).isEqualTo(value.substring(0, 12));
        long id = details.getJsonNumber("id").longValue();

        ApiClient token = ApiClient.bearer(value);
        assertThat(token.get("/me").json().getString("username")).isEqualTo(TestUsers.VIEWER);
        assertThat(token.get("/jobs").status()).isEqualTo(200);
        assertThat(token.post("/jobs", "{}").status()).as("a viewer's token does what a viewer may").isEqualTo(403);
        ApiClient.Reply another = token.post("/tokens", "{\"name\":\"more\"}");
        assertThat(another.status()).isEqualTo(403);
        assertThat(another.body()).contains("with your password, not with another token");

        // listed without its value; the hash is all the server keeps
        ApiClient.Reply listed = TestUsers.viewer().get("/tokens");
        assertThat(listed.body()).contains("\"prefix\":\"" + value.substring(0, 12) + "\"").doesNotContain(value);
        assertThat(ItDatabase.queryString("select token_hash from api_token where id = ?", id)).hasSize(64).isNotEqualTo(value);
        assertThat(TestUsers.viewer().get("/tokens?all=true").status()).isEqualTo(403);
        assertThat(ApiClient.admin().get("/tokens?all=true").body()).contains("\"id\":" + id);
        assertThat(TestUsers.operator().delete("/tokens/" + id).status()).as("not the operator's token").isEqualTo(404);

        assertThat(TestUsers.viewer().delete("/tokens/" + id).status()).isEqualTo(204);
        ApiClient.Reply revoked = token.get("/jobs");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body()).contains("unknown, expired or revoked");
        assertThat(ApiClient.bearer("bst_made-up").get("/jobs").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedAndBadRequestsNameTheField() {
        ApiClient.Reply made = TestUsers.operator().post("/tokens", "{\"name\":\"short-lived\",\"expiresInDays\":1}");
        String value = made.json().getString("token");
        assertThat(ApiClient.bearer(value).get("/executor").status()).isEqualTo(200);
        ItDatabase.execute("update api_token set expires_at = now() - interval '1 minute' where id = ?",
                made.json().getJsonObject("details").getJsonNumber("id").longValue());
        assertThat(ApiClient.bearer(value).get("/executor").status()).isEqualTo(401);

        assertThat(TestUsers.operator().post("/tokens", "{\"expiresInDays\":7}").errorFields()).containsExactly("name");
        assertThat(TestUsers.operator().post("/tokens", "{\"name\":\"x\",\"expiresInDays\":400}").errorFields())
                .containsExactly("expiresInDays");
        assertThat(ApiClient.anonymous().post("/tokens", "{\"name\":\"x\"}").status()).isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountUntilAnAdminUnlocksIt() {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(ApiClient.admin().post("/users", "{\"username\":\"" + name + "\",\"password\":\"" + TestUsers.PASSWORD
                + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);
        ApiClient right = ApiClient.as(name, TestUsers.PASSWORD);
        assertThat(right.get("/me").status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(ApiClient.as(name, "wrong-password-" + i).get("/me").status()).isEqualTo(401);
        }
        assertThat(right.get("/me").status()).as("locked: even the right password is refused").isEqualTo(401);
        assertThat(ApiClient.admin().get("/users").body()).contains(name).contains("lockedUntil");

        ApiClient.Reply unlocked = ApiClient.admin().post("/users/" + name + "/unlock", "");
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(!unlocked.json().containsKey("lockedUntil") || unlocked.json().isNull("lockedUntil")).isTrue();
        assertThat(right.get("/me").status()).isEqualTo(200);
        assertThat(TestUsers.operator().post("/users/" + name + "/unlock", "").status()).isEqualTo(403);
        assertThat(ApiClient.admin().post("/users/nobody-" + name + "/unlock", "").status()).isEqualTo(404);
    }

    @Test
    void anAdminChangesRolesDisablesAndResetsPasswordsButNotTheirOwnAdminRole() {
        String name = "managed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(ApiClient.admin().post("/users", "{\"username\":\"" + name + "\",\"password\":\"" + TestUsers.PASSWORD
                + "\",\"roles\":[\"viewer\"]}").status()).isEqualTo(201);
        ApiClient user = ApiClient.as(name, TestUsers.PASSWORD);
        String token = user.post("/tokens", "{\"name\":\"mine\"}").json().getString("token");
        assertThat(user.put("/executor", "{\"paused\":true}").status()).isEqualTo(403);

        ApiClient.Reply promoted = ApiClient.admin().put("/users/" + name, "{\"roles\":[\"operator\"],\"enabled\":true}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(user.put("/executor", "{\"paused\":true}").status()).as("the new role applies at once").isEqualTo(200);
        assertThat(ApiClient.bearer(token).put("/executor", "{\"paused\":true}").status()).as("and to the user's tokens").isEqualTo(200);

        assertThat(ApiClient.admin().put("/users/" + name, "{\"roles\":[\"operator\"],\"enabled\":false}").status()).isEqualTo(200);
        assertThat(user.get("/me").status()).isEqualTo(401);
        assertThat(ApiClient.bearer(token).get("/me").status()).as("a disabled user's tokens stop").isEqualTo(401);

        assertThat(ApiClient.admin().put("/users/" + name, "{\"roles\":[\"operator\"],\"enabled\":true}").status()).isEqualTo(200);
        assertThat(ApiClient.admin().post("/users/" + name + "/password", "{\"password\":\"short\"}").errorFields())
                .containsExactly("password");
        assertThat(ApiClient.admin().post("/users/" + name + "/password", "{\"password\":\"a-brand-new-password-9\"}").status())
                .isEqualTo(200);
        assertThat(user.get("/me").status()).isEqualTo(401);
        assertThat(ApiClient.as(name, "a-brand-new-password-9").get("/me").status()).isEqualTo(200);

        assertThat(ApiClient.admin().put("/users/" + name, "{\"roles\":[\"root\"],\"enabled\":true}").errorFields()).containsExactly("roles");
        assertThat(ApiClient.admin().put("/users/" + ItEnvironment.ADMIN, "{\"roles\":[\"viewer\"],\"enabled\":true}").status())
                .as("no admin demotes themselves").isEqualTo(409);
        assertThat(ApiClient.admin().get("/me").json().getJsonArray("roles").toString()).contains("admin");
        assertThat(TestUsers.operator().put("/users/" + name, "{\"roles\":[\"admin\"],\"enabled\":true}").status()).isEqualTo(403);
        assertThat(ApiClient.admin().get("/audit?targetType=user&targetId=" + name).body()).contains("user.update", "user.password");
    }
}
