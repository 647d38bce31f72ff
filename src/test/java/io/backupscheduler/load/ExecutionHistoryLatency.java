package io.backupscheduler.load;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the execution history reads at scale: fills a running server's PostgreSQL database with {@code rows}
 * executions (spread over 90 days and 20 jobs, every status), then times the REST list (first page, filtered by
 * status, by job, a deep page) and the console's Executions page, each {@code samples} times, and prints p50/p95.
 * See docs/benchmarks.md for the command.
 */
public final class ExecutionHistoryLatency {
    private ExecutionHistoryLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String database = args.length > 1 ? args[1] : "backup_scheduler_bench";
        String base = args.length > 2 ? args[2] : "http://localhost:9080/backup-scheduler";
        String password = args.length > 3 ? args[3] : System.getenv().getOrDefault("BACKUP_SECURITY_ADMIN_PASSWORD", "");
        int samples = args.length > 4 ? Integer.parseInt(args[4]) : 100;

        long someJob = fill(database, rows);
        HttpClient api = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "%,d executions in %s%n", count(database), database);
        time("GET /executions (first page)", samples, () -> get(api, base + "/api/v1/executions?size=20", basic));
        time("GET /executions?status=FAILED", samples, () -> get(api, base + "/api/v1/executions?status=FAILED&size=20", basic));
        time("GET /executions?jobId=" + someJob, samples, () -> get(api, base + "/api/v1/executions?jobId=" + someJob + "&size=20", basic));
        time("GET /executions?page=2000 (offset 40,000)", samples, () -> get(api, base + "/api/v1/executions?page=2000&size=20", basic));
        HttpClient console = signedIn(base, password);
        time("console executions.xhtml (whole page)", samples, () -> get(console, base + "/executions.xhtml", null));

        // what one run costs end to end (queue, admission, batch job, isolated process, record), next to the floor:
        // the same program started and awaited by a bare ProcessBuilder in this JVM
        long trueJob = jobRunning(database, "/bin/true");
        api.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/executor")).header("Authorization", basic)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"paused\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        time("one /bin/true run through the executor", Math.min(samples, 50), () -> post(api, base + "/api/v1/executor/runs",
                "{\"jobIds\":[" + trueJob + "],\"wait\":60}", basic));
        time("peer floor: ProcessBuilder /bin/true", Math.min(samples, 50), () -> {
            try {
                new ProcessBuilder("/bin/true").start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A COMMAND job running this program, made once. */
    private static long jobRunning(String database, String program) throws Exception {
        try (Connection c = DriverManager.getConnection(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD);
             Statement sql = c.createStatement()) {
            sql.execute("insert into backup_job (id, name, kind, command_args, target_path, priority, max_retries, enabled,"
                    + " created_at, updated_at, version) select nextval('backup_job_seq'), 'bench-true', 'COMMAND',"
                    + " '[\"" + program + "\"]', '/tmp/bench-true', 3, 0, true, now(), now(), 0"
                    + " where not exists (select 1 from backup_job where name = 'bench-true')");
            try (ResultSet job = sql.executeQuery("select id from backup_job where name = 'bench-true'")) {
                job.next();
                return job.getLong(1);
            }
        }
    }

    private static void post(HttpClient client, String url, String json, String authorization) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 || !response.body().contains("\"finished\":true")) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds executions until the table holds {@code rows}; returns one of the jobs they belong to. */
    static long fill(String database, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD);
             Statement sql = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                sql.execute("insert into backup_job (id, name, kind, command_args, target_path, priority, max_retries, enabled,"
                        + " created_at, updated_at, version) select nextval('backup_job_seq'), 'history-" + i + "', 'COMMAND',"
                        + " '[\"true\"]', '/tmp/history', 3, 0, true, now(), now(), 0"
                        + " where not exists (select 1 from backup_job where name = 'history-" + i + "')");
            }
            long missing = rows - count(database);
            if (missing > 0) {
                sql.execute("insert into execution (id, job_id, job_name, job_kind, attempt, node, status, step, started_at,"
                        + " finished_at, duration_ms, exit_code, error, cpu_avg_percent, cpu_peak_percent, peak_rss_mb, bytes_read,"
                        + " bytes_written, created_at, updated_at, version)"
                        + " select nextval('execution_seq'), j.id, j.name, 'COMMAND', 1, 'bench-node',"
                        + " (array['SUCCEEDED','SUCCEEDED','SUCCEEDED','SUCCEEDED','FAILED','TIMED_OUT','CANCELLED','REJECTED_LIMIT'])[1 + g % 8],"
                        + " 'verify', now() - (g * interval '77 seconds'), now() - (g * interval '77 seconds') + interval '30 seconds',"
                        + " 30000, 0, null, 40.5, 90.1, 120.0, 1000000, 5000000, now(), now(), 0"
                        + " from generate_series(1, " + missing + ") g"
                        + " join (select id, name, row_number() over (order by id) - 1 as n from backup_job where name like 'history-%') j"
                        + " on j.n = g % 20");
                sql.execute("analyze execution");
            }
            try (ResultSet job = sql.executeQuery("select id from backup_job where name = 'history-3'")) {
                job.next();
                return job.getLong(1);
            }
        }
    }

    private static long count(String database) throws Exception {
        try (Connection c = DriverManager.getConnection(PeerDatabase.url(database), PeerDatabase.USER, PeerDatabase.PASSWORD);
             Statement sql = c.createStatement(); ResultSet rows = sql.executeQuery("select count(*) from execution")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A client with a console session: the sign-in form posted as the browser would. */
    static HttpClient signedIn(String base, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // the form's hidden fields (view state, MyFaces' submit marker) go back as they came
        StringBuilder form = new StringBuilder("loginForm%3Ausername=admin&loginForm%3Apassword=")
                .append(URLEncoder.encode(password, StandardCharsets.UTF_8)).append("&loginForm%3AsignIn=");
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(page);
        while (hidden.find()) {
            form.append('&').append(URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(hidden.group(2), StandardCharsets.UTF_8));
        }
        HttpResponse<String> signIn = client.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!signIn.body().contains("currentUser")) {
            throw new IllegalStateException("sign-in failed (status " + signIn.statusCode() + ")");
        }
        return client;
    }

    static void get(HttpClient client, String url, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void time(String label, int samples, Runnable request) {
        for (int i = 0; i < 10; i++) {
            request.run(); // warm-up: JIT, connection pool, statement cache
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            request.run();
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "%-44s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", label,
                micros.get(samples / 2) / 1000.0, micros.get(samples * 95 / 100) / 1000.0, micros.get(samples - 1) / 1000.0);
    }
}
