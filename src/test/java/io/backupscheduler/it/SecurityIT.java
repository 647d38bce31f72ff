package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may do what, as the real server enforces it: anonymous, viewer, operator, admin. */
class SecurityIT {
    private static final String JOB = "{\"name\":\"%s\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\"}";

    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void anonymousCallersGetAChallengeAndAProblem() {
        ApiClient.Reply reply = ApiClient.anonymous().get("/jobs");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(ApiClient.anonymous().post("/jobs", JOB.formatted("anon")).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAndUnknownUsersAre401() {
        assertThat(ApiClient.as(ItEnvironment.ADMIN, "wrong-password").get("/jobs").status()).isEqualTo(401);
        assertThat(ApiClient.as("nobody", "whatever-password").get("/jobs").status()).isEqualTo(401);
        ApiClient.Reply garbage = ApiClient.anonymous().send("GET", "/jobs", null, null);
        assertThat(garbage.status()).isEqualTo(401);
    }

    @Test
    void viewersReadButChangeNothing() {
        ApiClient viewer = TestUsers.viewer();
        JsonObject job = ApiClient.admin().post("/jobs", JOB.formatted("sec-" + System.nanoTime())).json();
        String path = "/jobs/" + job.getJsonNumber("id");

        assertThat(viewer.get("/jobs").status()).isEqualTo(200);
        assertThat(viewer.get(path).status()).isEqualTo(200);
        ApiClient.Reply create = viewer.post("/jobs", JOB.formatted("viewer-made"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        assertThat(viewer.put(path, JOB.formatted("viewer-renamed")).status()).isEqualTo(403);
        assertThat(viewer.delete(path).status()).isEqualTo(403);
        assertThat(viewer.get("/users").status()).isEqualTo(403);
        assertThat(ApiClient.admin().get(path).json()).isEqualTo(job);
        assertThat(roles(viewer)).containsExactly("viewer");
    }

    @Test
    void operatorsDoNotManageJobDefinitionsOrUsers() {
        ApiClient operator = TestUsers.operator();
        assertThat(operator.get("/jobs").status()).isEqualTo(200);
        assertThat(operator.post("/jobs", JOB.formatted("operator-made")).status()).isEqualTo(403);
        assertThat(operator.post("/users", "{\"username\":\"x1\",\"password\":\"long-enough-pass\",\"roles\":[\"admin\"]}")
                .status()).isEqualTo(403);
        assertThat(roles(operator)).containsExactly("operator", "viewer");
    }

    @Test
    void adminsHoldEveryRole() {
        assertThat(roles(ApiClient.admin())).containsExactly("admin", "operator", "viewer");
    }

    @Test
    void usersAreValidatedAndTheirPasswordsNeverShown() {
        ApiClient admin = ApiClient.admin();
        ApiClient.Reply bad = admin.post("/users", "{\"username\":\"-x\",\"password\":\"short\",\"roles\":[\"root\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).contains("username", "password", "roles");

        String name = "u" + System.nanoTime();
        ApiClient.Reply created = admin.post("/users",
                "{\"username\":\"" + name + "\",\"password\":\"Correct-Horse-Battery\",\"roles\":[\"viewer\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("Correct-Horse-Battery").doesNotContain("PBKDF2");
        assertThat(admin.post("/users", "{\"username\":\"" + name + "\",\"password\":\"Correct-Horse-Battery\",\"roles\":[\"viewer\"]}")
                .status()).isEqualTo(409);
        String list = admin.get("/users").body();
        assertThat(list).contains(name).doesNotContain("PBKDF2").doesNotContain("passwordHash");
        assertThat(ApiClient.as(name, "Correct-Horse-Battery").get("/me").json().getString("username")).isEqualTo(name);
    }

    @Test
    void healthAndOpenApiAreServedWithoutCredentials() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(ItEnvironment.health("/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"").contains("\"UP\"");
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(ItEnvironment.health("/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create(ItEnvironment.serverRoot() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/jobs").contains("Backup Scheduler API");
    }

    @Test
    void consolePagesRedirectToTheSignInPage() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + "/jobs.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/backup-scheduler/login.xhtml");
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(ItEnvironment.BASE_URL + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().allValues("Content-Security-Policy")).contains("frame-ancestors 'none'")
                .anySatisfy(policy -> assertThat(policy).matches("script-src 'self' 'nonce-[A-Za-z0-9+/=_-]{16,}';?"));
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().allValues("Set-Cookie")).as("the session cookie").anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        for (ApiClient.Reply reply : java.util.List.of(ApiClient.admin().get("/me"), ApiClient.admin().get("/jobs/999999"))) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
            assertThat(reply.header("Cache-Control")).as("API answers are not cached").isEqualTo("no-store");
        }
    }

    private static java.util.List<String> roles(ApiClient client) {
        return client.get("/me").json().getJsonArray("roles").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }
}
