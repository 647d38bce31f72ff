package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Data survives a restart of the server: the build runs this after the other integration tests, because it
 * stops and starts the server with Liberty's own script.
 */
class PersistenceRestartIT {
    private static final String SERVER_SCRIPT = System.getProperty("it.liberty.server.script", "target/liberty/wlp/bin/server");
    private static final String SERVER_NAME = System.getProperty("it.liberty.server.name", "backupSchedulerIT");

    @Test
    void jobsUsersSchedulesAndCalendarsSurviveARestartAndMissedFiresFireOnce() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String name = "survivor-" + System.nanoTime();
        JsonObject job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name
                + "\",\"kind\":\"COMMAND\",\"command\":[\"pg_dump\",\"-Fc\"],\"targetPath\":\"/b\",\"priority\":\"HIGH\"}").json();
        String user = "restart-" + System.nanoTime();
        assertThat(ApiClient.admin().post("/users", "{\"username\":\"" + user
                + "\",\"password\":\"survives-restarts-1\",\"roles\":[\"operator\"]}").status()).isEqualTo(201);
        JsonObject calendar = ApiClient.admin().post("/calendars", "{\"name\":\"cal-" + name + "\",\"zone\":\"UTC\","
                + "\"holidays\":[{\"date\":\"2026-12-25\",\"yearly\":true,\"name\":\"Christmas\"}]}").json();
        JsonObject schedule = ApiClient.admin().post("/schedules", "{\"name\":\"hourly-" + name + "\",\"jobId\":"
                + job.getJsonNumber("id") + ",\"type\":\"CRON\",\"expression\":\"0 * * * *\",\"calendarId\":"
                + calendar.getJsonNumber("id") + ",\"dayFilter\":\"SKIP_HOLIDAYS\",\"misfirePolicy\":\"FIRE_ONCE\"}").json();
        long scheduleId = schedule.getJsonNumber("id").longValue();

        liberty("stop");
        // while the server is down, two fires pass (an hour ago and on the hour): nobody tells the new server
        ItDatabase.execute("update schedule set next_fire_at = date_trunc('hour', now()) - interval '1 hour' where id = ?",
                scheduleId);
        liberty("start");
        ItEnvironment.awaitReady(Duration.ofMinutes(3));

        JsonObject reread = ApiClient.admin().get("/jobs/" + job.getJsonNumber("id")).json();
        assertThat(reread).isEqualTo(job);
        assertThat(ApiClient.as(user, "survives-restarts-1").get("/me").status()).isEqualTo(200);
        assertThat(ApiClient.admin().get("/calendars/" + calendar.getJsonNumber("id")).json()).isEqualTo(calendar);
        JsonObject rereadSchedule = ApiClient.admin().get("/schedules/" + scheduleId).json();
        assertThat(rereadSchedule.getString("expression")).isEqualTo("0 * * * *");
        assertThat(rereadSchedule.getJsonNumber("calendarId")).isEqualTo(calendar.getJsonNumber("id"));

        // the restarted node fires what it missed by itself, once (FIRE_ONCE), and moves on to the next hour
        Instant deadline = Instant.now().plusSeconds(60);
        var fires = ApiClient.admin().get("/schedules/" + scheduleId + "/fires").jsonArray();
        while (fires.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            fires = ApiClient.admin().get("/schedules/" + scheduleId + "/fires").jsonArray();
        }
        assertThat(fires).hasSize(1);
        assertThat(fires.getJsonObject(0).getString("outcome")).isEqualTo("QUEUED");
        assertThat(fires.getJsonObject(0).getString("note")).containsPattern("missed [23] fires").contains("FIRE_ONCE");
        assertThat(Instant.parse(ApiClient.admin().get("/schedules/" + scheduleId).json().getString("nextFireAt")))
                .isAfter(Instant.now());
    }

    @Test
    void workRunningAtShutdownIsHandedBackAndRunsAgainAfterTheRestart() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        ApiClient.admin().delete("/queue?force=true");
        assertThat(ApiClient.admin().put("/executor", "{\"paused\":false}").status()).isEqualTo(200);
        String name = "long-" + System.nanoTime();
        long job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\",\"command\":[\"sleep\",\"120\"],"
                + "\"targetPath\":\"" + Files.createTempDirectory("restart-it") + "\",\"maxRetries\":0}").json()
                .getJsonNumber("id").longValue();
        long entry = ApiClient.admin().post("/jobs/" + job + "/run", "").json().getJsonNumber("id").longValue();
        JsonObject first = awaitExecution(job, e -> "run-command".equals(e.getString("step", "")));
        try {
            liberty("stop"); // the build gives running work 2 s to finish, then hands it back
            assertThat(ItDatabase.queryString("select status || ' ' || attempts from queue_entry where id = ?", entry))
                    .as("back in the queue, the interrupted attempt not counted (it has no retries left)").isEqualTo("READY 0");
            assertThat(ItDatabase.queryString("select status from execution where id = ?", first.getJsonNumber("id").longValue()))
                    .isEqualTo("CANCELLED");
            liberty("start");
            ItEnvironment.awaitReady(Duration.ofMinutes(3));
            JsonObject interrupted = ApiClient.admin().get("/executions/" + first.getJsonNumber("id")).json();
            assertThat(interrupted.getString("error")).contains("shut down", "went back to the queue");
            JsonObject second = awaitExecution(job, e -> e.getJsonNumber("id").longValue() != first.getJsonNumber("id").longValue()
                    && e.getString("status").equals("RUNNING"));
            assertThat(second.getJsonNumber("queueEntryId").longValue()).isEqualTo(entry);
            assertThat(ApiClient.admin().post("/executions/" + second.getJsonNumber("id") + "/cancel", "").status()).isEqualTo(200);
        } finally {
            ApiClient.admin().put("/executor", "{\"paused\":true}");
        }
    }

    /** Waits for the job's newest execution to satisfy the condition. */
    private static JsonObject awaitExecution(long job, java.util.function.Predicate<JsonObject> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject newest = null;
        while (Instant.now().isBefore(deadline)) {
            var items = ApiClient.admin().get("/executions?jobId=" + job).json().getJsonArray("items");
            newest = items.isEmpty() ? null : items.getJsonObject(0);
            if (newest != null && condition.test(newest)) {
                return newest;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + job + "'s newest execution did not get there: " + newest);
    }

    private static void liberty(String action) throws Exception {
        Process process = new ProcessBuilder(SERVER_SCRIPT, action, SERVER_NAME)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/liberty-" + action + ".log"))
                .start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("server %s finished in time", action).isTrue();
        assertThat(process.exitValue()).as("server %s exit code (see target/liberty-%s.log)", action, action).isZero();
    }
}
