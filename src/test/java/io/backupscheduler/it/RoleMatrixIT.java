package io.backupscheduler.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The role of every endpoint in docs/api.md, walked over every REST endpoint the server publishes in its OpenAPI document: each
 * one is called anonymously, with a revoked API token, and as viewer, operator and admin, and must answer 401,
 * 403 or neither exactly as the matrix says. An endpoint missing from the matrix (or a matrix row without an
 * endpoint) fails the test, so a new endpoint cannot ship without its row.
 */
class RoleMatrixIT {
    /** Who may call an endpoint: the least role, or a valid signature (inbound webhooks) whatever the caller. */
    enum Access { VIEWER, OPERATOR, ADMIN, SIGNATURE }

    static final Map<String, Access> MATRIX = Map.ofEntries(
            entry("GET /jobs", Access.VIEWER), entry("POST /jobs", Access.ADMIN), entry("GET /jobs/{id}", Access.VIEWER),
            entry("PUT /jobs/{id}", Access.ADMIN), entry("DELETE /jobs/{id}", Access.ADMIN), entry("POST /jobs/{id}/run", Access.OPERATOR),
            entry("GET /me", Access.VIEWER),
            entry("GET /users", Access.ADMIN), entry("POST /users", Access.ADMIN), entry("POST /users/{username}/unlock", Access.ADMIN),
            entry("PUT /users/{username}", Access.ADMIN), entry("POST /users/{username}/password", Access.ADMIN),
            entry("GET /tokens", Access.VIEWER), entry("POST /tokens", Access.VIEWER), entry("DELETE /tokens/{id}", Access.VIEWER),
            entry("GET /queue", Access.VIEWER), entry("POST /queue", Access.OPERATOR), entry("DELETE /queue", Access.ADMIN),
            entry("GET /queue/stats", Access.VIEWER), entry("GET /queue/{id}", Access.VIEWER), entry("DELETE /queue/{id}", Access.OPERATOR),
            entry("POST /queue/{id}/dependencies", Access.OPERATOR), entry("POST /queue/chains", Access.OPERATOR),
            entry("GET /dead-letters", Access.VIEWER), entry("POST /dead-letters/{id}/retry", Access.OPERATOR),
            entry("DELETE /dead-letters/{id}", Access.OPERATOR),
            entry("GET /executions", Access.VIEWER), entry("GET /executions/{id}", Access.VIEWER),
            entry("GET /executions/{id}/log", Access.VIEWER), entry("POST /executions/{id}/cancel", Access.OPERATOR),
            entry("POST /executions/purge", Access.ADMIN),
            entry("GET /executor", Access.VIEWER), entry("GET /nodes", Access.VIEWER), entry("POST /nodes/{id}/drain", Access.OPERATOR),
            entry("POST /nodes/{id}/undrain", Access.OPERATOR), entry("PUT /executor", Access.OPERATOR), entry("PUT /executor/admission", Access.ADMIN),
            entry("POST /executor/runs", Access.OPERATOR), entry("GET /executor/runs", Access.VIEWER),
            entry("GET /executor/running", Access.VIEWER), entry("GET /executor/stats", Access.VIEWER),
            entry("GET /backups", Access.VIEWER), entry("GET /backups/{id}", Access.VIEWER), entry("GET /backups/prune-plan", Access.VIEWER),
            entry("POST /backups/prune", Access.ADMIN), entry("POST /backups/{id}/restore", Access.OPERATOR),
            entry("GET /backups/{id}/files", Access.VIEWER), entry("GET /backups/{id}/diff", Access.VIEWER),
            entry("GET /jobs/{id}/files/versions", Access.VIEWER), entry("POST /jobs/{id}/drill", Access.OPERATOR),
            entry("GET /jobs/{id}/restorable", Access.VIEWER), entry("GET /jobs/{id}/restic/locks", Access.OPERATOR),
            entry("POST /jobs/{id}/restic/unlock", Access.OPERATOR), entry("POST /jobs/{id}/copy-target/check", Access.OPERATOR),
            entry("POST /backups/{id}/copy/verify", Access.OPERATOR),
            entry("GET /schedules", Access.VIEWER), entry("POST /schedules", Access.ADMIN), entry("GET /schedules/forecast", Access.VIEWER),
            entry("GET /schedules/{id}", Access.VIEWER), entry("PUT /schedules/{id}", Access.ADMIN),
            entry("DELETE /schedules/{id}", Access.ADMIN), entry("POST /schedules/{id}/pause", Access.OPERATOR),
            entry("POST /schedules/{id}/resume", Access.OPERATOR), entry("POST /schedules/{id}/run", Access.OPERATOR),
            entry("GET /schedules/{id}/next", Access.VIEWER), entry("GET /schedules/{id}/fires", Access.VIEWER),
            entry("GET /scheduler", Access.VIEWER), entry("PUT /scheduler", Access.ADMIN),
            entry("GET /calendars", Access.VIEWER), entry("POST /calendars", Access.ADMIN), entry("GET /calendars/{id}", Access.VIEWER),
            entry("PUT /calendars/{id}", Access.ADMIN), entry("DELETE /calendars/{id}", Access.ADMIN),
            entry("POST /calendars/{id}/import", Access.ADMIN),
            entry("GET /webhooks", Access.ADMIN), entry("POST /webhooks", Access.ADMIN), entry("DELETE /webhooks/{name}", Access.ADMIN),
            entry("POST /webhooks/{name}", Access.SIGNATURE),
            entry("POST /events/{type}", Access.OPERATOR),
            entry("GET /cron/preview", Access.VIEWER),
            entry("GET /audit", Access.ADMIN),
            entry("GET /shared-limits", Access.VIEWER), entry("GET /shared-limits/{name}", Access.VIEWER),
            entry("PUT /shared-limits/{name}", Access.ADMIN), entry("DELETE /shared-limits/{name}", Access.ADMIN),
            entry("GET /secrets", Access.ADMIN), entry("GET /secrets/{name}", Access.ADMIN), entry("PUT /secrets/{name}", Access.ADMIN),
            entry("DELETE /secrets/{name}", Access.ADMIN), entry("POST /secrets/rotate-key", Access.ADMIN), entry("POST /secrets/rotate-point-key", Access.ADMIN),
            entry("GET /alerts", Access.VIEWER), entry("GET /alerts/{id}", Access.VIEWER),
            entry("GET /alerts/rules", Access.VIEWER), entry("POST /alerts/rules", Access.OPERATOR),
            entry("GET /alerts/rules/{id}", Access.VIEWER), entry("PUT /alerts/rules/{id}", Access.OPERATOR),
            entry("DELETE /alerts/rules/{id}", Access.OPERATOR));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static Map<String, String> callers;

    @BeforeAll
    static void callers() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        TestUsers.viewer();
        TestUsers.operator();
        ApiClient.Reply made = ApiClient.admin().post("/tokens", "{\"name\":\"role matrix, revoked\",\"expiresInDays\":1}");
        String revoked = made.json().getString("token");
        assertThat(ApiClient.admin().delete("/tokens/" + made.json().getJsonObject("details").getJsonNumber("id")).status()).isEqualTo(204);
        callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("revoked token", "Bearer " + revoked);
        callers.put("viewer", basic(TestUsers.VIEWER, TestUsers.PASSWORD));
        callers.put("operator", basic(TestUsers.OPERATOR, TestUsers.PASSWORD));
        callers.put("admin", basic(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD));
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** "METHOD /path" of every operation in the server's OpenAPI document, paths relative to /api/v1. */
    private static Set<String> published() {
        Set<String> operations = new TreeSet<>();
        OpenApiOperations.published().forEach(operation -> operations.add(operation.key()));
        return operations;
    }

    @Test
    void everyPublishedEndpointHasARowInTheMatrixAndEveryRowAnEndpoint() throws Exception {
        Set<String> published = published();
        assertThat(published).as("endpoints without a row in the role matrix").isSubsetOf(MATRIX.keySet());
        assertThat(MATRIX.keySet()).as("matrix rows without an endpoint").isSubsetOf(published);
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String operation : new TreeSet<>(published())) {
            Access access = MATRIX.get(operation);
            if (access == null) {
                continue; // the other test names it
            }
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{(id)\\}", "999999999")
                    .replaceAll("\\{[a-z]+\\}", "no-such-thing");
            int rank = 0;
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                int status = call(method, path, caller.getValue());
                boolean authenticated = caller.getKey().equals("viewer") || caller.getKey().equals("operator") || caller.getKey().equals("admin");
                String expected;
                if (access == Access.SIGNATURE) {
                    expected = status == 401 ? null : "401 (no signature)";
                } else if (!authenticated) {
                    expected = status == 401 ? null : "401";
                } else {
                    rank++;
                    boolean allowed = rank >= access.ordinal() + 1;
                    expected = allowed ? (status == 401 || status == 403 ? "neither 401 nor 403" : null) : (status == 403 ? null : "403");
                }
                if (expected != null) {
                    wrong.add(operation + " as " + caller.getKey() + ": " + status + ", expected " + expected);
                }
                assertThat(status).as(operation + " as " + caller.getKey()).isLessThan(500);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A call that cannot change anything by accident: placeholder ids and a JSON array where an object belongs. */
    private static int call(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ItEnvironment.API + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (path.endsWith("/import")) {
            request.header("Content-Type", "text/calendar").method(method, HttpRequest.BodyPublishers.ofString("not a calendar"));
        } else if (method.equals("POST") || method.equals("PUT")) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("[]"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
