package io.backupscheduler.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the integration-test server is (the build starts it: see the pom's it-server-start execution) and
 * the credentials the build gave it.
 */
final class ItEnvironment {
    static final String BASE_URL = System.getProperty("it.base-url", "http://localhost:9181/backup-scheduler");
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-Secret-42");
    static final String API = BASE_URL + "/api/v1";

    private static volatile String neverReady;
    private static volatile boolean executorPaused;

    private ItEnvironment() {
    }

    /** The server root (scheme, host, port), where /openapi lives (and /health and /metrics, on most servers). */
    static String serverRoot() {
        URI uri = URI.create(BASE_URL);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /** A health check's URL ("/ready", "/live"): WildFly serves them on its management port (it.health-root). */
    static URI health(String check) {
        return URI.create(System.getProperty("it.health-root", serverRoot()) + "/health" + check);
    }

    /** The application's metrics in Prometheus text: /metrics, or WildFly's Micrometer endpoint (it.metrics-url). */
    static URI metrics() {
        return URI.create(System.getProperty("it.metrics-url", serverRoot() + "/metrics?scope=application"));
    }

    /**
     * Most suites look at queued work as it waits; only ExecutionIT wants the executor to run it. So the executor is
     * paused once per test run, and ExecutionIT resumes it for its own tests.
     */
    private static synchronized void pauseExecutorOnce() {
        if (!executorPaused) {
            ApiClient.Reply reply = ApiClient.admin().put("/executor", "{\"paused\":true}");
            if (reply.status() != 200) {
                throw new IllegalStateException("could not pause the executor: " + reply);
            }
            executorPaused = true;
        }
    }

    /**
     * For suites that want queued work to run: an empty queue (what earlier suites queued with made-up paths would
     * only occupy the worker slots), the configured admission thresholds, and the executor running.
     */
    static void runTheExecutor() {
        expectOk(ApiClient.admin().delete("/queue?force=true"));
        expectOk(ApiClient.admin().put("/executor/admission", "{}"));
        expectOk(ApiClient.admin().put("/executor", "{\"paused\":false}"));
    }

    /** Back to how the other suites expect the executor: paused, with the configured thresholds. */
    static void pauseTheExecutor() {
        ApiClient.admin().put("/executor/admission", "{}");
        ApiClient.admin().put("/executor", "{\"paused\":true}");
    }

    private static void expectOk(ApiClient.Reply reply) {
        if (reply.status() != 200) {
            throw new IllegalStateException("could not prepare the executor: " + reply);
        }
    }

    /** Waits until the application answers and reports ready; fails after the timeout. */
    static void awaitReady(Duration timeout) {
        if (neverReady != null) {
            throw new IllegalStateException(neverReady); // one long wait per run is enough
        }
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(health("/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(BASE_URL + "/login.xhtml"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && login.statusCode() == 200) {
                    pauseExecutorOnce();
                    return;
                }
                last = "health " + health.statusCode() + " " + health.body() + ", login page " + login.statusCode();
            } catch (Exception e) {
                last = e.toString();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        neverReady = "the server at " + BASE_URL + " did not become ready: " + last;
        throw new IllegalStateException(neverReady);
    }
}
