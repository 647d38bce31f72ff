package io.backupscheduler.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts a notification as JSON. Any 2xx answer is delivery; anything else, or no answer within the timeout, is a
 * failed attempt that the outbox retries. {@code X-Backup-Alert} (alert id and state) lets receivers drop repeats.
 */
@ApplicationScoped
public class WebhookChannel {
    @Inject
    @ConfigProperty(name = "backup.alerts.webhook.timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    private volatile HttpClient client;

    void send(String url, Notification notification) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json")
                .header("User-Agent", "backup-scheduler-alerts")
                .header("X-Backup-Alert", notification.alertId() + "-" + notification.event())
                .POST(HttpRequest.BodyPublishers.ofString(notification.json()))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("HTTP " + response.statusCode() + (body.isBlank() ? "" : ": "
                    + body.substring(0, Math.min(200, body.length()))));
        }
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }
}
