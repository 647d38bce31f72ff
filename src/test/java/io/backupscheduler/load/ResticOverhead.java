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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What running restic through a RESTIC job costs over running it by hand, on one data set and in one run: the peer
 * is {@code restic backup} followed by {@code restic check} (what a careful cron script does), timed with their CPU;
 * ours is a RESTIC job's whole run on a running server (admission, the batch job, backup with --json progress,
 * check, the point and the log), timed by the execution record, with restic's CPU from the record and the server's
 * own CPU read from /proc when its pid is given, after an untimed warm-up (three runs of another job). Both repositories are created beforehand, untimed (a job that
 * creates its repository pays restic init once, as a person does). Each repetition takes fresh repositories, a full
 * backup then one over the unchanged tree, and alternates which side goes first. Arguments: megabytes (default
 * 2048), work directory (default /tmp/restic-bench), the server's base URL (default
 * http://localhost:9080/backup-scheduler), the admin password, repetitions (default 3) and the server's pid
 * (optional). See docs/benchmarks.md.
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
        int repetitions = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Long serverPid = args.length > 5 ? Long.valueOf(args[5]) : null;
        Path source = work.resolve("source");
        if (!Files.isDirectory(source)) {
            DirectoryBackupBenchmark.generate(source, megabytes);
        }
        Path passwordFile = work.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String secret = "restic-bench-" + UUID.randomUUID().toString().substring(0, 8);
        call(http, "PUT", base + "/api/v1/secrets/" + secret, basic, "{\"value\":\"" + PASSWORD + "\"}");
        call(http, "PUT", base + "/api/v1/executor", basic, "{\"paused\":false}");
        System.out.printf(Locale.ROOT, "data set: %,d MB in %s; %d CPUs; %s%n", megabytes, source, Runtime.getRuntime().availableProcessors(),
                shell(null, null, "restic version").strip());
        warmUp(http, base, basic, work, passwordFile, secret, source);
        List<double[]> overheads = new ArrayList<>();
        for (int repetition = 1; repetition <= repetitions; repetition++) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Path peerRepository = work.resolve("peer-" + suffix);
            Path ourRepository = work.resolve("ours-" + suffix);
            shell(peerRepository, passwordFile, "restic init -q");
            shell(ourRepository, passwordFile, "restic init -q");
            long jobId = call(http, "POST", base + "/api/v1/jobs", basic, "{\"name\":\"restic-bench-" + suffix + "\",\"kind\":\"RESTIC\","
                    + "\"sourcePath\":\"" + source + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + ourRepository
                    + "\",\"passwordSecret\":\"" + secret + "\"}}").getJsonNumber("id").longValue();
            boolean peerFirst = repetition % 2 == 1;
            double[] overhead = new double[2];
            int round = 0;
            for (String kind : List.of("full", "unchanged")) {
                double[] peer = null;
                double[] ours = null;
                for (int side = 0; side < 2; side++) {
                    shell(null, null, "sync");
                    if ((side == 0) == peerFirst) {
                        peer = timed(peerRepository, passwordFile, "restic backup -q " + source + " && restic check -q");
                    } else {
                        ours = runJob(http, base, basic, jobId, serverPid);
                    }
                }
                overhead[round++] = 100 * (ours[0] - peer[0]) / peer[0];
                System.out.printf(Locale.ROOT, "repetition %d, %s backup (%s first): by hand %.2f s wall, %.2f s CPU | RESTIC job %.2f s"
                                + " wall (%+.1f%%), restic backup %.2f s CPU, server %s%n", repetition, kind, peerFirst ? "by hand" : "job", peer[0],
                        peer[1] + peer[2], ours[0], overhead[round - 1], ours[1], Double.isNaN(ours[2]) ? "CPU not read (no pid)"
                                : String.format(Locale.ROOT, "%.2f s CPU", ours[2]));
            }
            overheads.add(overhead);
        }
        System.out.printf(Locale.ROOT, "median overhead: full %+.1f%%, unchanged %+.1f%%%n", median(overheads, 0), median(overheads, 1));
        call(http, "PUT", base + "/api/v1/executor", basic, "{\"paused\":true}");
    }

    /**
     * A job's full backup and two over the unchanged tree, untimed, so that the server's compiler has done its work on
     * the run's code before anything is measured (a server runs many jobs; the first few after a start are slower).
     */
    private static void warmUp(HttpClient http, String base, String basic, Path work, Path passwordFile, String secret, Path source)
            throws Exception {
        Path repository = work.resolve("warm-up-" + UUID.randomUUID().toString().substring(0, 8));
        shell(repository, passwordFile, "restic init -q");
        long jobId = call(http, "POST", base + "/api/v1/jobs", basic, "{\"name\":\"restic-warm-up-" + repository.getFileName() + "\","
                + "\"kind\":\"RESTIC\",\"sourcePath\":\"" + source + "\",\"maxRetries\":0,\"restic\":{\"repository\":\"" + repository
                + "\",\"passwordSecret\":\"" + secret + "\"}}").getJsonNumber("id").longValue();
        for (int run = 0; run < 3; run++) {
            runJob(http, base, basic, jobId, null);
        }
        shell(null, null, "rm -rf " + repository);
    }

    /** One run of the job: its wall seconds from the execution record, restic's CPU seconds, the server's CPU seconds. */
    private static double[] runJob(HttpClient http, String base, String basic, long jobId, Long serverPid) throws Exception {
        double serverBefore = serverCpuSeconds(serverPid);
        JsonObject runs = call(http, "POST", base + "/api/v1/executor/runs", basic, "{\"jobIds\":[" + jobId + "],\"wait\":300}");
        long entry = runs.getJsonArray("runs").getJsonObject(0).getJsonNumber("entryId").longValue();
        while (!runs.getJsonArray("runs").getJsonObject(0).getBoolean("finished")) { // the API waits 300 s at most per call
            runs = call(http, "GET", base + "/api/v1/executor/runs?entry=" + entry + "&wait=300", basic, "");
        }
        double serverCpu = serverCpuSeconds(serverPid) - serverBefore;
        JsonObject execution = runs.getJsonArray("runs").getJsonObject(0).getJsonObject("execution");
        if (!"SUCCEEDED".equals(execution.getString("status"))) {
            throw new IllegalStateException("the RESTIC job's run did not succeed: " + execution);
        }
        double seconds = execution.getJsonNumber("durationMs").longValue() / 1000.0;
        JsonObject usage = execution.getJsonObject("usage");
        double resticCpu = usage.containsKey("cpuAvgPercent") ? usage.getJsonNumber("cpuAvgPercent").doubleValue() / 100 * seconds : Double.NaN;
        return new double[] {seconds, resticCpu, serverCpu};
    }

    /** The server's user and system CPU seconds so far (/proc/pid/stat, in clock ticks of 1/100 s); NaN without a pid. */
    private static double serverCpuSeconds(Long pid) throws Exception {
        if (pid == null) {
            return Double.NaN;
        }
        String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime and stime: fields 14 and 15
    }

    private static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(v -> v[index]).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
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
