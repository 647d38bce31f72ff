package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job definition API against the real server and database: CRUD, paging, bad input, conflicts. */
class JobApiIT {
    private static final String RUN = "api" + Long.toString(System.nanoTime(), 36);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final ApiClient admin = ApiClient.admin();

    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static String uniqueName() {
        return RUN + "-" + SEQ.incrementAndGet();
    }

    private static String directoryJob(String name) {
        return "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/data\",\"targetPath\":\"/backups/data\"}";
    }

    private JsonObject create(String json) {
        ApiClient.Reply reply = admin.post("/jobs", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private long countJobs() {
        return admin.get("/jobs?size=1").json().getJsonNumber("total").longValue();
    }

    @Test
    void createReturnsTheJobWithDefaultsAndALocationThatReadsItBack() {
        String name = uniqueName();
        ApiClient.Reply created = admin.post("/jobs", directoryJob(name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonObject job = created.json();
        assertThat(job.getString("name")).isEqualTo(name);
        assertThat(job.getString("priority")).isEqualTo("NORMAL");
        assertThat(job.getInt("maxRetries")).isEqualTo(3);
        assertThat(job.getBoolean("enabled")).isTrue();
        assertThat(job.getInt("version")).isZero();
        assertThat(created.header("Location")).endsWith("/api/v1/jobs/" + job.getJsonNumber("id"));

        ApiClient.Reply read = admin.get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(job);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void aCommandJobKeepsItsArgumentListAndLimits() {
        JsonObject job = create("{\"name\":\"" + uniqueName() + "\",\"kind\":\"COMMAND\","
                + "\"command\":[\"pg_dump\",\"-Fc\",\"-f\",\"/backups/db dump.sql\"],\"targetPath\":\"/backups\","
                + "\"priority\":\"CRITICAL\",\"maxRetries\":0,"
                + "\"limits\":{\"maxCpuPercent\":50,\"maxMemoryMb\":512,\"maxExecutionSeconds\":3600,\"ioPriority\":7}}");
        JsonObject read = admin.get("/jobs/" + job.getJsonNumber("id")).json();
        assertThat(read.getJsonArray("command").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("pg_dump", "-Fc", "-f", "/backups/db dump.sql");
        assertThat(read.getString("priority")).isEqualTo("CRITICAL");
        assertThat(read.getJsonObject("limits").getInt("ioPriority")).isEqualTo(7);
        assertThat(read.containsKey("sourcePath")).isFalse();
    }

    @Test
    void invalidInputIsAProblemNamingEveryFieldAndWritesNothing() {
        long before = countJobs();
        ApiClient.Reply reply = admin.post("/jobs",
                "{\"name\":\"\",\"kind\":\"COMMAND\",\"sourcePath\":\"relative\",\"targetPath\":\"/a/../b\","
                        + "\"maxRetries\":101,\"limits\":{\"ioPriority\":9}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(400);
        assertThat(reply.errorFields()).contains("name", "command", "sourcePath", "targetPath", "maxRetries", "limits.ioPriority");
        assertThat(countJobs()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndMalformedBodiesAreBadRequestsNamingTheField() {
        assertThat(admin.post("/jobs", "{\"name\":\"x\",\"kind\":\"DIRECTORY\",\"priority\":\"URGENT\"}").errorFields())
                .containsExactly("priority");
        assertThat(admin.post("/jobs", "{\"name\":\"x\",\"kind\":\"TAPE\"}").errorFields()).containsExactly("kind");
        assertThat(admin.post("/jobs", "{\"name\":\"x\",\"maxRetries\":\"three\"}").errorFields()).containsExactly("maxRetries");
        assertThat(admin.post("/jobs", "{\"name\": ").errorFields()).containsExactly("body");
    }

    @Test
    void aDuplicateNameIsAConflictOnTheNameField() {
        String name = uniqueName();
        create(directoryJob(name));
        ApiClient.Reply duplicate = admin.post("/jobs", directoryJob(name));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.errorFields()).containsExactly("name");
    }

    @Test
    void anUpdateNeedsTheCurrentVersionAndBumpsIt() {
        JsonObject job = create(directoryJob(uniqueName()));
        String path = "/jobs/" + job.getJsonNumber("id");
        String renamed = uniqueName();
        String body = "{\"name\":\"" + renamed + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv\",\"targetPath\":\"/b\","
                + "\"priority\":\"LOW\",\"enabled\":false,\"version\":0}";

        ApiClient.Reply updated = admin.put(path, body);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().getInt("version")).isEqualTo(1);
        assertThat(updated.json().getString("name")).isEqualTo(renamed);
        assertThat(updated.json().getBoolean("enabled")).isFalse();

        ApiClient.Reply stale = admin.put(path, body);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorFields()).containsExactly("version");

        ApiClient.Reply unversioned = admin.put(path, body.replace(",\"version\":0", ""));
        assertThat(unversioned.status()).isEqualTo(400);
        assertThat(unversioned.errorFields()).containsExactly("version");

        assertThat(admin.get(path).json().getInt("version")).isEqualTo(1);
    }

    @Test
    void renamingOntoAnotherJobsNameIsAConflict() {
        String taken = uniqueName();
        create(directoryJob(taken));
        JsonObject other = create(directoryJob(uniqueName()));
        ApiClient.Reply reply = admin.put("/jobs/" + other.getJsonNumber("id"),
                directoryJob(taken).replace("}", ",\"version\":0}"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorFields()).containsExactly("name");
    }

    @Test
    void deleteRemovesTheJobAndUnknownIdsAre404() {
        JsonObject job = create(directoryJob(uniqueName()));
        String path = "/jobs/" + job.getJsonNumber("id");
        assertThat(admin.delete(path).status()).isEqualTo(204);
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.delete(path).status()).isEqualTo(404);
        assertThat(admin.put(path, directoryJob(uniqueName()).replace("}", ",\"version\":0}")).status()).isEqualTo(404);
        ApiClient.Reply notANumber = admin.get("/jobs/not-a-number");
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
    }

    @Test
    void listsPageSortAndFilter() {
        String prefix = uniqueName();
        String[] priorities = {"LOW", "CRITICAL", "NORMAL", "CRITICAL", "BACKGROUND"};
        for (int i = 0; i < priorities.length; i++) {
            create("{\"name\":\"" + prefix + "-" + i + "\",\"kind\":\"" + (i % 2 == 0 ? "DIRECTORY" : "COMMAND") + "\","
                    + (i % 2 == 0 ? "\"sourcePath\":\"/srv\"" : "\"command\":[\"true\"]")
                    + ",\"targetPath\":\"/b\",\"priority\":\"" + priorities[i] + "\",\"enabled\":" + (i != 4) + "}");
        }
        JsonObject page = admin.get("/jobs?q=" + prefix + "&size=2&sort=priority,asc&sort=name,desc").json();
        assertThat(page.getInt("total")).isEqualTo(5);
        assertThat(page.getInt("totalPages")).isEqualTo(3);
        assertThat(names(page)).containsExactly(prefix + "-3", prefix + "-1");
        JsonObject last = admin.get("/jobs?q=" + prefix + "&size=2&page=2&sort=priority,asc&sort=name,desc").json();
        assertThat(names(last)).containsExactly(prefix + "-4");

        assertThat(names(admin.get("/jobs?q=" + prefix + "&kind=command&sort=name").json()))
                .containsExactly(prefix + "-1", prefix + "-3");
        assertThat(names(admin.get("/jobs?q=" + prefix + "&enabled=false").json())).containsExactly(prefix + "-4");
        assertThat(names(admin.get("/jobs?q=" + prefix + "&priority=CRITICAL&sort=name,desc").json()))
                .containsExactly(prefix + "-3", prefix + "-1");
    }

    @Test
    void badListParametersAreNamed() {
        ApiClient.Reply reply = admin.get("/jobs?page=-1&size=100000&sort=password&kind=tape&enabled=maybe");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsAnyOf("page", "size", "sort", "kind", "enabled");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        ApiClient.Reply unknown = admin.get("/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        ApiClient.Reply method = admin.send("PATCH", "/jobs", "application/json", "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).startsWith("application/problem+json");
        ApiClient.Reply mediaType = admin.send("POST", "/jobs", "text/plain", "name=x");
        assertThat(mediaType.status()).isEqualTo(415);
    }

    @Test
    void hostileBodiesNeverCauseA5xxOrAWrite() {
        JsonObject existing = create(directoryJob(uniqueName()));
        String put = "/jobs/" + existing.getJsonNumber("id");
        long before = countJobs();
        List<String> bodies = List.of("", "null", "[]", "\"a string\"", "42", "{}", "{\"name\":null}",
                "{\"name\":{\"nested\":true}}", "{\"command\":\"not-a-list\"}", "{\"command\":[1,2]}",
                "{\"limits\":[]}", "{\"limits\":{\"maxCpuPercent\":1e309}}", "{\"maxRetries\":99999999999999999999}",
                "{\"name\":\"" + "x".repeat(100_000) + "\"}", "{\"name\":\"a\u0000b\",\"kind\":\"DIRECTORY\"}",
                "{\"name\":\"'; drop table backup_job; --\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"version\":\"x\"}",
                "{\"kind\":\"DIRECTORY\",\"kind\":\"COMMAND\"}", "{\"enabled\":\"yes\"}", "{\"id\":1,\"version\":-5}",
                "\uFEFF{}", "{\"name\":\"\\ud800\"}");
        for (String body : bodies) {
            ApiClient.Reply post = admin.post("/jobs", body);
            assertThat(post.status()).as("POST %s -> %s", abbreviate(body), post).isBetween(400, 499);
            assertThat(post.contentType()).as("POST %s", abbreviate(body)).startsWith("application/problem+json");
            ApiClient.Reply update = admin.put(put, body);
            assertThat(update.status()).as("PUT %s -> %s", abbreviate(body), update).isBetween(400, 499);
        }
        assertThat(countJobs()).isEqualTo(before);
        assertThat(admin.get(put).json()).isEqualTo(admin.get(put).json());
        assertThat(admin.get(put).json().getInt("version")).isZero();
    }

    private static String abbreviate(String body) {
        return body.length() > 60 ? body.substring(0, 60) + "..." : body;
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(j -> j.getString("name")).toList();
    }
}
