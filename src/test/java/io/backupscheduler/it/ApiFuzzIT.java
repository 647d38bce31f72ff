package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over every published endpoint, as an admin (the caller who reaches deepest): malformed JSON, wrong
 * types, huge and deeply nested bodies, control characters, injection strings, unknown and malformed ids and query
 * values. Every answer must be below 500, bad input must not be accepted, and nothing may be half written: the
 * definitions and the entities the fuzzer aims at are the same afterwards.
 */
class ApiFuzzIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString(
            (ItEnvironment.ADMIN + ":" + ItEnvironment.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** Counts of what people define; fuzzing must leave them alone. */
    private static final List<String> DEFINITIONS = List.of("select count(*) from backup_job", "select count(*) from schedule",
            "select count(*) from business_calendar", "select count(*) from calendar_holiday", "select count(*) from webhook",
            "select count(*) from app_user", "select count(*) from api_token where revoked_at is null",
            "select count(*) from alert_rule");

    private static final List<String> BAD_IDS = List.of("0", "-1", "99999999999999999999", "abc", "1.5", "1e3", "%27%20OR%201%3D1--",
            "%00", "%0A%0D", "x".repeat(3000), "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE%F0%9F%92%A3", "null");
    private static final List<String> BAD_QUERY_VALUES = List.of("-1", "abc", "99999999999999999999", "'", "%00", "x".repeat(3000),
            "2026-13-45T99:99:99Z", "1;DROP TABLE backup_job", "%F0%9F%92%A3", "NaN");
    private static final String INJECTIONS = "\"name\":\"'; DROP TABLE backup_job; --\",\"description\":\"<script>alert(1)</script>\","
            + "\"sourcePath\":\"/srv/../../etc\",\"targetPath\":\"/tmp/${jndi:ldap://127.0.0.1/x}\",\"expression\":\"* * * * * * * *\","
            + "\"zone\":\"../../etc/localtime\",\"command\":[\"sh\",\"-c\",\"rm -rf / #\"],\"webhookUrl\":\"javascript:alert(1)\","
            + "\"emailTo\":[\"a@b\\r\\nBcc: everyone@example.com\"],\"username\":\"admin' --\",\"password\":\"\"";
    /** Bodies no endpoint may take: each must be refused with a 4xx. */
    private static final List<String> BAD_BODIES = List.of(
            "{", "[]", "null", "\"text\"", "123", "{}}", "{} {}", "{\"a\":}",
            "{\"name\":123,\"kind\":{},\"priority\":1,\"enabled\":\"yes\",\"version\":\"x\",\"jobId\":\"abc\",\"threshold\":\"NaN\","
                    + "\"limits\":[],\"command\":\"ls\",\"targetPath\":123,\"type\":[],\"paused\":\"maybe\",\"jobIds\":\"1,2\","
                    + "\"roles\":\"admin\",\"expiresInDays\":1e400,\"holidays\":{},\"weekend\":[\"FUNDAY\"],\"dependsOn\":[\"x\"],"
                    + "\"maxCpuPercent\":\"high\",\"minFreeMemoryMb\":[],\"data\":5,\"backupKind\":7,\"password\":false,"
                    + "\"destination\":[],\"subject\":{},\"entries\":\"all\"}",
            "{\"name\":\"ctl\\u0000\\u001b[31m\\u202e\\ud800\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\\u0000b\",\"targetPath\":\"/b\\n\"}",
            "{\"name\":\"" + "n".repeat(3 * 1024 * 1024) + "\"}",
            "[".repeat(20_000) + "]".repeat(20_000),
            "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
            "{\"version\":-9223372036854775808,\"id\":9223372036854775807,\"maxRetries\":2147483648,\"priority\":\"CRITICAL\\u0000\"}");
    /** Strings meant to break out of SQL, HTML, paths, JNDI and mail headers: free text may hold them, nothing may break. */
    private static final String INJECTION_BODY = "{" + INJECTIONS + "}";

    private static final String INJECTED = "injection strings";
    private static final Map<String, String> REAL = new LinkedHashMap<>();
    private static final Map<String, String> BEFORE = new LinkedHashMap<>();

    @BeforeAll
    static void realThingsToAimAt() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        REAL.put("jobs", id(ApiClient.admin().post("/jobs", "{\"name\":\"fuzz-" + suffix + "\",\"kind\":\"DIRECTORY\","
                + "\"sourcePath\":\"/srv/fuzz\",\"targetPath\":\"/backups/fuzz-" + suffix + "\"}")));
        REAL.put("schedules", id(ApiClient.admin().post("/schedules", "{\"name\":\"fuzz-" + suffix + "\",\"jobId\":" + REAL.get("jobs")
                + ",\"type\":\"CRON\",\"expression\":\"0 3 1 1 *\"}")));
        REAL.put("calendars", id(ApiClient.admin().post("/calendars", "{\"name\":\"fuzz-" + suffix + "\"}")));
        REAL.put("alerts/rules", id(ApiClient.admin().post("/alerts/rules", "{\"name\":\"fuzz-" + suffix + "\",\"type\":\"SLOW_RUN\"}")));
        ApiClient.Reply user = ApiClient.admin().post("/users", "{\"username\":\"fuzz-" + suffix + "\",\"password\":\"a-Long-fuzz-password-9\","
                + "\"roles\":[\"viewer\"]}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        REAL.put("users", "fuzz-" + suffix);
        for (Map.Entry<String, String> real : REAL.entrySet()) {
            BEFORE.put(real.getKey(), state(real.getKey(), real.getValue()));
        }
        DEFINITIONS.forEach(count -> BEFORE.put(count, ItDatabase.queryString(count)));
    }

    @AfterAll
    static void restoreSwitches() {
        ApiClient.admin().put("/scheduler", "{\"enabled\":true}");
        ApiClient.admin().put("/executor", "{\"paused\":true}");
        ApiClient.admin().put("/executor/admission", "{}");
    }

    private static String id(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").toString();
    }

    private static String state(String collection, String id) {
        if (collection.equals("users")) {
            return ApiClient.admin().get("/users").body().replaceAll(".*(\\{[^{}]*\"username\":\"" + id + "\"[^{}]*\\}).*", "$1");
        }
        return ApiClient.admin().get("/" + collection + "/" + id).body();
    }

    /** The path with each {template} filled: a bad id, or the real entity of that collection. */
    private static String fill(String path, String value) {
        return path.replaceAll("\\{[a-zA-Z]+\\}", value);
    }

    private static String realPath(String path) {
        for (Map.Entry<String, String> real : REAL.entrySet()) {
            if (path.startsWith("/" + real.getKey() + "/{")) {
                return fill(path, real.getValue());
            }
        }
        return path.contains("{") ? null : path;
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ItEnvironment.API + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", ADMIN).header("Accept", "application/json, application/problem+json, text/plain");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noBadInputGetsA5xxIsAcceptedOrLeavesAPartialWrite() throws Exception {
        List<String> serverErrors = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        int requests = 0;
        for (OpenApiOperations.Operation operation : OpenApiOperations.published()) {
            String method = operation.method();
            List<String[]> calls = new ArrayList<>(); // path, content type, body, why
            if (operation.path().contains("{")) {
                for (String bad : BAD_IDS) {
                    calls.add(new String[] {fill(operation.path(), bad), "application/json", operation.hasBody() ? "{}" : null, "id " + bad});
                }
            }
            String target = realPath(operation.path());
            if (target != null && operation.hasBody()) {
                for (String body : BAD_BODIES) {
                    calls.add(new String[] {target, "application/json", body, "body " + body.substring(0, Math.min(40, body.length()))});
                }
                calls.add(new String[] {target, "application/json", INJECTION_BODY, INJECTED});
                calls.add(new String[] {target, "application/x-www-form-urlencoded", "name=x&kind=DIRECTORY", "form body"});
            }
            if (target != null) {
                for (String parameter : operation.queryParameters()) {
                    for (String value : BAD_QUERY_VALUES) {
                        String encoded = value.startsWith("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
                        calls.add(new String[] {target + "?" + parameter + "=" + encoded, "application/json",
                                operation.hasBody() ? "[]" : null, "query " + parameter + "=" + value.substring(0, Math.min(40, value.length()))});
                    }
                }
            }
            for (String[] call : calls) {
                HttpResponse<String> response = send(method, call[0], call[1], call[2]);
                requests++;
                String what = operation.key() + " with " + call[3] + ": " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(300, response.body().length()));
                if (response.statusCode() >= 500) {
                    serverErrors.add(what);
                } else if (response.statusCode() / 100 == 2 && !method.equals("GET") && !call[3].equals(INJECTED)) {
                    accepted.add(what);
                } else if (response.statusCode() >= 400) {
                    assertThat(response.body()).as(what).doesNotContain("at io.backupscheduler").doesNotContain("Exception:");
                }
            }
        }
        System.out.println("fuzzed " + requests + " requests over the published operations");
        // free text may hold the injection strings (a token's name): what they made goes, so the counts can compare
        for (jakarta.json.JsonObject token : ApiClient.admin().get("/tokens?all=true").jsonArray().getValuesAs(jakarta.json.JsonObject.class)) {
            if (token.getString("name").startsWith("'; DROP TABLE")) {
                ApiClient.admin().delete("/tokens/" + token.getJsonNumber("id"));
            }
        }
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(accepted).as("bad input that was accepted").isEmpty();
        for (Map.Entry<String, String> real : REAL.entrySet()) {
            assertThat(state(real.getKey(), real.getValue())).as(real.getKey() + " " + real.getValue() + " unchanged")
                    .isEqualTo(BEFORE.get(real.getKey()));
        }
        for (String count : DEFINITIONS) {
            assertThat(ItDatabase.queryString(count)).as(count).isEqualTo(BEFORE.get(count));
        }
    }
}
