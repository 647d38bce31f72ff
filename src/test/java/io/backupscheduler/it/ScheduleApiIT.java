package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.schedule.WebhookSignature;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schedules, calendars, the scheduler switch, events and webhooks on the real server and database. */
class ScheduleApiIT {
    private static long jobId;

    @BeforeAll
    static void aJob() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        jobId = ApiClient.admin().post("/jobs", "{\"name\":\"schedule-it-" + System.nanoTime()
                        + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/srv/a\",\"targetPath\":\"/backups/schedule-it-"
                        + System.nanoTime() + "\"}")
                .json().getJsonNumber("id").longValue();
    }

    private static long create(String json) {
        ApiClient.Reply reply = ApiClient.admin().post("/schedules", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static String hourly(String name, String extra) {
        return "{\"name\":\"" + name + "-" + System.nanoTime() + "\",\"jobId\":" + jobId
                + ",\"type\":\"CRON\",\"expression\":\"0 * * * *\"" + extra + "}";
    }

    /** Makes the schedule due three hours ago (as after downtime), then resumes it so the node looks at once. */
    private static void missThreeHours(long id) {
        assertThat(TestUsers.operator().post("/schedules/" + id + "/pause", "").status()).isEqualTo(200);
        ItDatabase.execute("update schedule set next_fire_at = date_trunc('hour', now()) - interval '2 hours' where id = ?", id);
        assertThat(TestUsers.operator().post("/schedules/" + id + "/resume", "").status()).isEqualTo(200);
    }

    private static JsonArray awaitFires(long id, int atLeast) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonArray fires;
        do {
            fires = ApiClient.admin().get("/schedules/" + id + "/fires?count=50").jsonArray();
            if (fires.size() >= atLeast) {
                return fires;
            }
            sleep(250);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("schedule " + id + " fired " + fires.size() + " times, expected " + atLeast + ": " + fires);
    }

    private static List<String> outcomes(JsonArray fires) {
        return fires.stream().map(f -> f.asJsonObject().getString("outcome")).toList();
    }

    private static long queuedFor(long scheduleId) {
        return ApiClient.admin().get("/queue?size=500").json().getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.containsKey("scheduleId") && !e.isNull("scheduleId")
                        && e.getJsonNumber("scheduleId").longValue() == scheduleId)
                .count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndNothingIsSaved() {
        ApiClient.Reply reply = ApiClient.admin().post("/schedules", "{\"name\":\"bad\",\"jobId\":" + jobId
                + ",\"type\":\"CRON\",\"expression\":\"61 * * * *\",\"zone\":\"Mars/Olympus\",\"misfireLimit\":0}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("expression", "misfireLimit", "zone");
        assertThat(ApiClient.admin().post("/schedules", "{\"name\":\"bad\",\"jobId\":" + jobId
                + ",\"type\":\"MONTH_END\",\"timeOfDay\":\"25:00\"}").errorFields()).containsExactly("timeOfDay");
        assertThat(ApiClient.admin().post("/schedules", "{\"name\":\"bad\",\"jobId\":999999,\"type\":\"EVENT\"}")
                .errorFields()).containsExactlyInAnyOrder("eventSource", "eventType", "jobId");
        assertThat(ApiClient.admin().post("/schedules", "{\"name\":\"bad\",\"jobId\":" + jobId
                + ",\"type\":\"SOMETIMES\"}").errorFields()).containsExactly("type");
        assertThat(ApiClient.admin().get("/schedules?size=500").json().getJsonArray("items").stream()
                .map(s -> s.asJsonObject().getString("name"))).doesNotContain("bad");
        assertThat(TestUsers.viewer().post("/schedules", hourly("viewer", "")).status()).isEqualTo(403);
    }

    @Test
    void aCronScheduleKnowsItsNextFiresInItsZone() {
        ApiClient.Reply created = ApiClient.admin().post("/schedules", "{\"name\":\"nightly-" + System.nanoTime()
                + "\",\"jobId\":" + jobId + ",\"type\":\"CRON\",\"expression\":\"30 2 * * *\",\"zone\":\"Europe/Berlin\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject schedule = created.json();
        assertThat(schedule.getString("overlapPolicy")).isEqualTo("FORBID");
        assertThat(schedule.getString("misfirePolicy")).isEqualTo("FIRE_ONCE");
        assertThat(schedule.getString("description")).isNotBlank();
        long id = schedule.getJsonNumber("id").longValue();
        JsonArray fires = ApiClient.admin().get("/schedules/" + id + "/next?count=3&from=2026-03-28T00:00:00Z").json()
                .getJsonArray("fires");
        // the night Berlin springs forward (02:30 does not exist on March 29): cronie runs it at 03:00 CEST
        assertThat(fires.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .containsExactly("2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00");
        assertThat(Instant.parse(schedule.getString("nextFireAt"))).isAfter(Instant.now());
    }

    @Test
    void conflictsComeBackAsWarningsAndTheScheduleIsSavedAnyway() {
        String target = "/backups/conflict-" + System.nanoTime();
        long files = ApiClient.admin().post("/jobs", "{\"name\":\"files-" + System.nanoTime() + "\",\"kind\":\"DIRECTORY\","
                + "\"sourcePath\":\"/srv/files\",\"targetPath\":\"" + target + "\"}").json().getJsonNumber("id").longValue();
        long dump = ApiClient.admin().post("/jobs", "{\"name\":\"dump-" + System.nanoTime() + "\",\"kind\":\"COMMAND\","
                + "\"command\":[\"pg_dump\"],\"targetPath\":\"" + target + "\"}").json().getJsonNumber("id").longValue();
        JsonObject first = ApiClient.admin().post("/schedules", "{\"name\":\"files-nightly-" + System.nanoTime() + "\",\"jobId\":"
                + files + ",\"type\":\"CRON\",\"expression\":\"0 1 * * *\"}").json();
        assertThat(first.getJsonArray("warnings")).isEmpty();
        ApiClient.Reply second = ApiClient.admin().post("/schedules", "{\"name\":\"dump-nightly-" + System.nanoTime()
                + "\",\"jobId\":" + dump + ",\"type\":\"CRON\",\"expression\":\"0 1 * * *\"}");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().getJsonArray("warnings").getString(0))
                .contains(first.getString("name")).contains("same minute").contains(target);

        // the dump's last run took two hours: an hourly schedule would overlap itself
        long entry = TestUsers.operator().post("/jobs/" + dump + "/run", "{}").json().getJsonNumber("id").longValue();
        ItDatabase.execute("insert into queue_attempt (id, entry_id, attempt, node, started_at, finished_at, succeeded)"
                + " values (nextval('queue_attempt_seq'), ?, 1, 'it-node', now() - interval '2 hours', now(), true)", entry);
        JsonObject hourly = ApiClient.admin().post("/schedules", "{\"name\":\"dump-hourly-" + System.nanoTime()
                + "\",\"jobId\":" + dump + ",\"type\":\"CRON\",\"expression\":\"30 * * * *\"}").json();
        assertThat(hourly.getJsonArray("warnings").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)).anyMatch(w -> w.contains("runs would overlap"));
    }

    @Test
    void fireOnceRunsOneForAllMissedFiresAndAdvances() {
        long id = create(hourly("once", ",\"misfirePolicy\":\"FIRE_ONCE\""));
        missThreeHours(id);
        JsonArray fires = awaitFires(id, 1);
        assertThat(outcomes(fires)).containsExactly("QUEUED");
        assertThat(fires.getJsonObject(0).getString("note")).contains("missed 3 fires").contains("FIRE_ONCE");
        assertThat(queuedFor(id)).isEqualTo(1);
        JsonObject schedule = ApiClient.admin().get("/schedules/" + id).json();
        assertThat(Instant.parse(schedule.getString("nextFireAt"))).isAfter(Instant.now());
    }

    @Test
    void skipRunsNothingForMissedFiresAndRecordsWhy() {
        long id = create(hourly("skip", ",\"misfirePolicy\":\"SKIP\""));
        missThreeHours(id);
        JsonArray fires = awaitFires(id, 1);
        assertThat(outcomes(fires)).containsExactly("SKIPPED_MISFIRE");
        assertThat(fires.getJsonObject(0).getString("note")).contains("none run (SKIP)");
        assertThat(queuedFor(id)).isZero();
    }

    @Test
    void fireAllRunsEachMissedFireUpToTheLimit() {
        long id = create(hourly("all", ",\"misfirePolicy\":\"FIRE_ALL\",\"misfireLimit\":2,\"overlapPolicy\":\"ALLOW\""));
        missThreeHours(id);
        JsonArray fires = awaitFires(id, 2);
        assertThat(outcomes(fires)).containsExactly("QUEUED", "QUEUED");
        assertThat(queuedFor(id)).isEqualTo(2);
    }

    @Test
    void overlapPoliciesForbidOrReplaceTheOpenRun() {
        long forbid = create(hourly("forbid", ""));
        ApiClient.Reply first = TestUsers.operator().post("/schedules/" + forbid + "/run", "");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        ApiClient.Reply second = TestUsers.operator().post("/schedules/" + forbid + "/run", "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().getString("detail")).contains("still open");
        missThreeHours(forbid); // a timed fire while the first run is still open: skipped and recorded
        JsonArray fires = awaitFires(forbid, 2);
        assertThat(outcomes(fires)).containsExactly("SKIPPED_OVERLAP", "QUEUED");
        assertThat(fires.getJsonObject(0).getString("note")).contains("still open (overlap policy FORBID)");
        assertThat(queuedFor(forbid)).isEqualTo(1);

        long replace = create(hourly("replace", ",\"overlapPolicy\":\"REPLACE\""));
        long old = TestUsers.operator().post("/schedules/" + replace + "/run", "").json().getJsonNumber("id").longValue();
        long fresh = TestUsers.operator().post("/schedules/" + replace + "/run", "").json().getJsonNumber("id").longValue();
        assertThat(ApiClient.admin().get("/queue/" + old).json().getString("status")).isEqualTo("CANCELLED");
        assertThat(ApiClient.admin().get("/queue/" + fresh).json().getString("status")).isEqualTo("READY");
        assertThat(outcomes(awaitFires(replace, 2))).containsExactly("REPLACED", "QUEUED");
    }

    @Test
    void whileTheSchedulerIsOffNothingFiresAndMissedFiresFollowThePolicyAfterwards() {
        long id = create(hourly("switch", ",\"misfirePolicy\":\"FIRE_ONCE\""));
        try {
            JsonObject off = ApiClient.admin().put("/scheduler", "{\"enabled\":false}").json();
            assertThat(off.getBoolean("enabled")).isFalse();
            assertThat(off.getString("changedBy")).isEqualTo("admin");
            assertThat(TestUsers.operator().put("/scheduler", "{\"enabled\":true}").status()).isEqualTo(403);
            assertThat(ApiClient.admin().put("/scheduler", "{}").errorFields()).containsExactly("enabled");
            missThreeHours(id);
            sleep(2000);
            assertThat(ApiClient.admin().get("/schedules/" + id + "/fires").jsonArray()).isEmpty();
        } finally {
            assertThat(ApiClient.admin().put("/scheduler", "{\"enabled\":true}").json().getBoolean("enabled")).isTrue();
        }
        assertThat(outcomes(awaitFires(id, 1))).containsExactly("QUEUED");
    }

    @Test
    void aSignedWebhookCallFiresItsSchedulesAndABadSignatureFiresNothing() {
        String name = "deploy-" + System.nanoTime();
        JsonObject created = ApiClient.admin().post("/webhooks", "{\"name\":\"" + name + "\"}").json();
        String secret = created.getString("secret");
        assertThat(ApiClient.admin().get("/webhooks").body()).contains(name).doesNotContain(secret);
        long id = create("{\"name\":\"on-" + name + "\",\"jobId\":" + jobId + ",\"type\":\"EVENT\",\"eventType\":\"WEBHOOK\","
                + "\"eventSource\":\"" + name + "\",\"overlapPolicy\":\"ALLOW\",\"data\":{\"mode\":\"FULL\"}}");

        byte[] body = "{\"release\":\"1.2.3\"}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        ApiClient.Reply forged = ApiClient.anonymous().sendWithHeaders("POST", "/webhooks/" + name, body,
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign("not-the-secret", now, body));
        assertThat(forged.status()).isEqualTo(401);
        ApiClient.Reply stale = ApiClient.anonymous().sendWithHeaders("POST", "/webhooks/" + name, body,
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(now - 3600),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now - 3600, body));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(ApiClient.admin().get("/schedules/" + id + "/fires").jsonArray()).isEmpty();

        ApiClient.Reply signed = ApiClient.anonymous().sendWithHeaders("POST", "/webhooks/" + name, body,
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now, body));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(202);
        List<Long> queued = signed.json().getJsonArray("queued").getValuesAs(JsonNumber.class).stream()
                .map(JsonNumber::longValue).toList();
        assertThat(queued).hasSize(1);
        JsonObject entry = ApiClient.admin().get("/queue/" + queued.get(0)).json();
        assertThat(entry.getJsonObject("data").getString("mode")).isEqualTo("FULL");
        assertThat(entry.getJsonObject("data").getJsonObject("event").getJsonObject("data").getString("release"))
                .isEqualTo("1.2.3");
        assertThat(ApiClient.anonymous().delete("/webhooks/" + name).status()).isEqualTo(401);
    }

    @Test
    void eventsTriggeredByHandFireTheirFollowers() {
        long id = create("{\"name\":\"verify-" + System.nanoTime() + "\",\"jobId\":" + jobId + ",\"type\":\"EVENT\","
                + "\"eventType\":\"FILE_CHANGE\",\"eventSource\":\"/srv/incoming/**.csv\",\"overlapPolicy\":\"ALLOW\"}");
        JsonObject miss = TestUsers.operator().post("/events/FILE_CHANGE", "{\"subject\":\"/srv/incoming/a.txt\"}").json();
        assertThat(miss.getJsonArray("queued")).isEmpty();
        JsonObject hit = TestUsers.operator().post("/events/FILE_CHANGE", "{\"subject\":\"/srv/incoming/2026/a.csv\"}").json();
        assertThat(hit.getJsonArray("queued")).hasSize(1);
        assertThat(outcomes(awaitFires(id, 1))).containsExactly("QUEUED");
        assertThat(TestUsers.operator().post("/events/SYSTEM", "{\"subject\":\"job-exploded\"}").errorFields())
                .containsExactly("subject");
        assertThat(TestUsers.viewer().post("/events/FILE_CHANGE", "{\"subject\":\"/x\"}").status()).isEqualTo(403);
    }

    @Test
    void aFileWrittenUnderAWatchedGlobFiresItsScheduleOnceWithThePath() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bs-watch-");
        long id = create("{\"name\":\"incoming-" + System.nanoTime() + "\",\"jobId\":" + jobId + ",\"type\":\"EVENT\","
                + "\"eventType\":\"FILE_CHANGE\",\"eventSource\":\"" + dir + "/**.csv\",\"overlapPolicy\":\"ALLOW\"}");
        sleep(1500); // the watcher picks up the new schedule after its transaction commits
        java.nio.file.Path file = dir.resolve("orders.csv");
        for (int i = 0; i < 5; i++) { // written in pieces: one fire once it is quiet, not one per write
            java.nio.file.Files.writeString(file, "line " + i + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            sleep(100);
        }
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a csv");
        JsonArray fires = awaitFires(id, 1);
        sleep(3000);
        fires = ApiClient.admin().get("/schedules/" + id + "/fires").jsonArray();
        assertThat(outcomes(fires)).containsExactly("QUEUED");
        JsonObject entry = ApiClient.admin().get("/queue/" + fires.getJsonObject(0).getJsonNumber("entryId")).json();
        JsonObject event = entry.getJsonObject("data").getJsonObject("event");
        assertThat(event.getString("subject")).isEqualTo(file.toString());
        assertThat(event.getJsonObject("data").getString("change")).isEqualTo("CREATED");
    }

    @Test
    void businessDaySchedulesSkipTheCalendarsHolidaysIncludingImportedOnes() {
        ApiClient.Reply calendar = ApiClient.admin().post("/calendars", "{\"name\":\"cal-" + System.nanoTime()
                + "\",\"zone\":\"Europe/Berlin\",\"holidays\":[{\"date\":\"2026-12-25\",\"yearly\":true,\"name\":\"Christmas\"}]}");
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(201);
        long calendarId = calendar.json().getJsonNumber("id").longValue();
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\n"
                + "BEGIN:VEVENT\r\nUID:1@it\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261228\r\n"
                + "DTEND;VALUE=DATE:20261230\r\nSUMMARY:Year-end closing\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:2@it\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261231T100000Z\r\n"
                + "SUMMARY:Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        ApiClient.Reply imported = ApiClient.admin().send("POST", "/calendars/" + calendarId + "/import", "text/calendar", ics);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getInt("added")).isEqualTo(2);
        assertThat(imported.json().getJsonArray("skipped").getString(0)).contains("Meeting");
        assertThat(ApiClient.admin().send("POST", "/calendars/" + calendarId + "/import", "text/calendar", "hello")
                .errorFields()).containsExactly("body");

        long id = create("{\"name\":\"workdays-" + System.nanoTime() + "\",\"jobId\":" + jobId + ",\"type\":\"BUSINESS_DAYS\","
                + "\"timeOfDay\":\"18:00\",\"calendarId\":" + calendarId + "}");
        JsonArray fires = ApiClient.admin().get("/schedules/" + id + "/next?count=4&from=2026-12-23T00:00:00Z").json()
                .getJsonArray("fires");
        assertThat(fires.getValuesAs(jakarta.json.JsonString.class).stream()
                .map(s -> OffsetDateTime.parse(s.getString()).toLocalDate().toString()))
                .containsExactly("2026-12-23", "2026-12-24", "2026-12-30", "2026-12-31");
        assertThat(ApiClient.admin().delete("/calendars/" + calendarId).status()).isEqualTo(409);
    }
}
