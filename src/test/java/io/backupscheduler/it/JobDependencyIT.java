package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Job-level dependencies on the real server: validation, cycles between jobs, and what a run waits for. */
class JobDependencyIT {
    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static JsonObject job(String name, String dependsOn) {
        ApiClient.Reply reply = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"DIRECTORY\","
                + "\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"dependsOn\":[" + dependsOn + "]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private static long id(JsonObject json) {
        return json.getJsonNumber("id").longValue();
    }

    @Test
    void aJobNamesTheJobsItRunsAfterAndCyclesAreRefusedByName() {
        String suffix = Long.toString(System.nanoTime(), 36);
        JsonObject dump = job("dump-" + suffix, "");
        JsonObject files = job("files-" + suffix, Long.toString(id(dump)));
        assertThat(files.getJsonArray("dependsOn").getValuesAs(JsonNumber.class)).extracting(JsonNumber::longValue)
                .containsExactly(id(dump));

        ApiClient.Reply cycle = ApiClient.admin().put("/jobs/" + id(dump), "{\"name\":\"dump-" + suffix
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"version\":0,\"dependsOn\":[" + id(files) + "]}");
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.errorFields()).containsExactly("dependsOn");
        assertThat(cycle.json().getString("detail")).contains("'dump-" + suffix + "' -> 'files-" + suffix + "' -> 'dump-" + suffix + "'");

        ApiClient.Reply self = ApiClient.admin().put("/jobs/" + id(dump), "{\"name\":\"dump-" + suffix
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"version\":0,\"dependsOn\":[" + id(dump) + "]}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.errorFields()).containsExactly("dependsOn");
        assertThat(ApiClient.admin().post("/jobs", "{\"name\":\"x-" + suffix
                + "\",\"kind\":\"DIRECTORY\",\"sourcePath\":\"/a\",\"targetPath\":\"/b\",\"dependsOn\":[999999]}").errorFields())
                .containsExactly("dependsOn");
    }

    @Test
    void aRunWaitsForTheOpenRunOfItsDependencyOrForItsNextSuccess() {
        String suffix = Long.toString(System.nanoTime(), 36);
        JsonObject dump = job("dump2-" + suffix, "");
        JsonObject files = job("files2-" + suffix, Long.toString(id(dump)));

        JsonObject waitsForSuccess = TestUsers.operator().post("/jobs/" + id(files) + "/run", "{}").json();
        assertThat(waitsForSuccess.getString("status")).isEqualTo("PENDING");
        assertThat(waitsForSuccess.getString("statusReason")).isEqualTo("waits for the next success of job " + id(dump));

        long dumpRun = id(TestUsers.operator().post("/jobs/" + id(dump) + "/run", "{}").json());
        JsonObject waitsForRun = TestUsers.operator().post("/jobs/" + id(files) + "/run", "{}").json();
        assertThat(waitsForRun.getString("status")).isEqualTo("PENDING");
        assertThat(waitsForRun.getJsonArray("dependsOn").getValuesAs(JsonNumber.class)).extracting(JsonNumber::longValue)
                .isEqualTo(List.of(dumpRun));
    }
}
