package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.time.Duration;
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
    void jobsAndUsersSurviveARestart() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String name = "survivor-" + System.nanoTime();
        JsonObject job = ApiClient.admin().post("/jobs", "{\"name\":\"" + name
                + "\",\"kind\":\"COMMAND\",\"command\":[\"pg_dump\",\"-Fc\"],\"targetPath\":\"/b\",\"priority\":\"HIGH\"}").json();
        String user = "restart-" + System.nanoTime();
        assertThat(ApiClient.admin().post("/users", "{\"username\":\"" + user
                + "\",\"password\":\"survives-restarts-1\",\"roles\":[\"operator\"]}").status()).isEqualTo(201);

        liberty("stop");
        liberty("start");
        ItEnvironment.awaitReady(Duration.ofMinutes(3));

        JsonObject reread = ApiClient.admin().get("/jobs/" + job.getJsonNumber("id")).json();
        assertThat(reread).isEqualTo(job);
        assertThat(ApiClient.as(user, "survives-restarts-1").get("/me").status()).isEqualTo(200);
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
