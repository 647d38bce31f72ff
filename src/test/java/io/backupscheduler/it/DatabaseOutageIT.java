package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the test stops the PostgreSQL cluster the server uses (Debian's pg_ctlcluster, as
 * root or through sudo), sees /health/ready go DOWN with the database check saying why while /health/live stays UP,
 * starts the cluster again and sees readiness and the API come back without a server restart. Runs with the restart
 * tests, after every other suite.
 */
class DatabaseOutageIT {
    private static final String PORT = System.getProperty("it.db.port", "5432");

    private static HttpResponse<String> health(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ItEnvironment.health(path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** "version name" of the Debian cluster listening on the IT port, or null when there is none to control. */
    private static String cluster() throws IOException, InterruptedException {
        Process list;
        try {
            list = new ProcessBuilder("pg_lsclusters", "--no-header").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(30, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 3 && columns[2].equals(PORT)) {
                return columns[0] + " " + columns[1];
            }
        }
        return null;
    }

    private static void control(String cluster, String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster.split(" ")[0], cluster.split(" ")[1], action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + out).isZero();
    }

    private static String databaseCheck(HttpResponse<String> health) {
        return Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals("database")).findFirst().map(JsonObject::toString).orElse("none");
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsStoppedAndUpWhenItReturns() throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        String cluster = cluster();
        assumeTrue(cluster != null, "no Debian PostgreSQL cluster on port " + PORT + " to stop (pg_lsclusters)");
        assertThat(health("/ready").statusCode()).isEqualTo(200);

        control(cluster, "stop");
        Instant stopped = Instant.now();
        try {
            HttpResponse<String> down = health("/ready");
            Instant deadline = Instant.now().plusSeconds(30);
            while (down.statusCode() != 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                down = health("/ready");
            }
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(databaseCheck(down)).contains("\"status\":\"DOWN\"").contains("error");
            assertThat(health("/live").statusCode()).as("the application itself is fine").isEqualTo(200);
        } finally {
            control(cluster, "start");
        }
        Instant started = Instant.now();
        HttpResponse<String> up = health("/ready");
        Instant deadline = Instant.now().plusSeconds(60);
        while (up.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            up = health("/ready");
        }
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        System.out.printf("database stopped for %d ms; ready again %d ms after it started%n",
                Duration.between(stopped, started).toMillis(), Duration.between(started, Instant.now()).toMillis());
        ApiClient.Reply jobs = ApiClient.admin().get("/jobs");
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
    }
}
