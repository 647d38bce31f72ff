package io.backupscheduler.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What running restic through a RESTIC job costs over running it by hand, on one data set and in one run: the peer
 * is {@code restic backup} followed by {@code restic check} (what a careful cron script does), timed with their CPU;
 * ours is a RESTIC job's whole run on a running server (its repository check, backup, check and bookkeeping), timed
 * by the execution record with its CPU. A first (full) backup and a second one over the unchanged tree. Arguments:
 * megabytes (default 2048), work directory (default /tmp/restic-bench), the server's base URL (default
 * http://localhost:9080/backup-scheduler) and the admin password. See docs/benchmarks.md.
 */
public final class ResticOverhead {
    private static final String PASSWORD = "restic-bench-password";

    private ResticOverhead() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        Path work = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "/tmp/restic-bench"));
        String base = args.length > 2 ? args[2] : "http://localhost:9080/backup-scheduler";
        String adminPassword = args.length > 3 ? args[3] : System.getenv("BACKUP_SECURITY_ADMIN_PASSWORD");
        Path source = work.resolve("source");
        if (!Files.isDirectory(source)) {
            DirectoryBackupBenchmark.generate(source, megabytes);
        }
        Path passwordFile = work.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path peerRepository = work.resolve("peer-" + suffix);
        Path ourRepository = work.resolve("ours-" + suffix);
        shell(peerRepository, passwordFile, "restic init -q");

        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        call(http, "PUT", base + "/api/v1/secrets/restic-bench-" + suffix, basic, "{\"value\":\"" + PASSWORD + "\"}");
        JsonObject job = call(http, "POST", base + "/api/v1/jobs", basic, "{\"name\":\"restic-bench-" + suffix + "\",\"kind\":\"RESTIC\","
                + "\"sourcePath\":\"" + source + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + ourRepository
                + "\",\"passwordSecret\":\"restic-bench-" + suffix + "\",\"initialize\":true}}");
        long jobId = job.getJsonNumber("id").longValue();
        call(http, "PUT", base + "/api/v1/executor", basic, "{\"paused\":false}");
        System.out.printf(Locale.ROOT, "data set: %,d MB in %s; %d CPUs; %s%n", megabytes, source, Runtime.getRuntime().availableProcessors(),
                shell(peerRepository, passwordFile, "restic version").strip());
        for (String round : List.of("full", "unchanged")) {
            shell(null, null, "sync");
            double[] peer = timed(peerRepository, passwordFile, "restic backup -q " + source + " && restic check -q");
            shell(null, null, "sync");
            JsonObject runs = call(http, "POST", base + "/api/v1/executor/runs", basic, "{\"jobIds\":[" + jobId + "],\"wait\":300}");
            long entry = runs.getJsonArray("runs").getJsonObject(0).getJsonNumber("entryId").longValue();
            while (!runs.getJsonArray("runs").getJsonObject(0).getBoolean("finished")) { // the API waits 300 s at most per call
                runs = call(http, "GET", base + "/api/v1/executor/runs?entry=" + entry + "&wait=300", basic, "");
            }
            JsonObject execution = runs.getJsonArray("runs").getJsonObject(0).getJsonObject("execution");
            if (!"SUCCEEDED".equals(execution.getString("status"))) {
                throw new IllegalStateException("the RESTIC job's run did not succeed: " + execution);
            }
            double ourSeconds = execution.getJsonNumber("durationMs").longValue() / 1000.0;
            JsonObject usage = execution.getJsonObject("usage");
            double ourCpu = usage.containsKey("cpuAvgPercent") ? usage.getJsonNumber("cpuAvgPercent").doubleValue() / 100 * ourSeconds : Double.NaN;
            System.out.printf(Locale.ROOT, "%s backup: by hand (backup + check) %.2f s wall, %.2f s CPU | RESTIC job %.2f s wall"
                            + " (%+.1f%%), %.2f s CPU of its last restic command%n", round, peer[0], peer[1] + peer[2], ourSeconds,
                    100 * (ourSeconds - peer[0]) / peer[0], ourCpu);
        }
        call(http, "PUT", base + "/api/v1/executor", basic, "{\"paused\":true}");
    }

    /** Runs a shell line with restic's environment; wall, user and system seconds from bash's own timer. */
    private static double[] timed(Path repository, Path passwordFile, String line) throws Exception {
        String output = shell(repository, passwordFile, "TIMEFORMAT='%R %U %S'; { time ( " + line + " ) ; } 2>&1");
        String[] last = output.strip().lines().reduce((a, b) -> b).orElse("").split(" ");
        return new double[] {Double.parseDouble(last[0]), Double.parseDouble(last[1]), Double.parseDouble(last[2])};
    }

    private static String shell(Path repository, Path passwordFile, String line) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true);
        if (repository != null) {
            builder.environment().put("RESTIC_REPOSITORY", repository.toString());
            builder.environment().put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(line + " failed: " + output);
        }
        return output;
    }

    private static JsonObject call(HttpClient http, String method, String url, String authorization, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() || !response.body().startsWith("{") ? Json.createObjectBuilder().build()
                : Json.createReader(new StringReader(response.body())).readObject();
    }
}
