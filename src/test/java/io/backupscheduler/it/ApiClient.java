package io.backupscheduler.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the REST API: real HTTP, real JSON, as a script or another service would call it. */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String user;
    private final String password;
    private final String bearer;

    private ApiClient(String user, String password) {
        this(user, password, null);
    }

    private ApiClient(String user, String password, String bearer) {
        this.user = user;
        this.password = password;
        this.bearer = bearer;
    }

    /** A client that sends an API token instead of a password. */
    static ApiClient bearer(String token) {
        return new ApiClient(null, null, token);
    }

    static ApiClient as(String user, String password) {
        return new ApiClient(user, password);
    }

    static ApiClient admin() {
        return as(ItEnvironment.ADMIN, ItEnvironment.ADMIN_PASSWORD);
    }

    static ApiClient anonymous() {
        return new ApiClient(null, null);
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    /** A GET that asks for text, as a log reader would (errors still come as problem JSON). */
    Reply getText(String path) {
        return send(request(path).setHeader("Accept", "text/plain, application/problem+json").GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /** A request with a raw body and extra headers given as name, value, name, value... */
    Reply sendWithHeaders(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : ItEnvironment.API + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        } else if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (status " + status() + "): " + response.body(), e);
            }
        }

        /** The field names of a problem's errors. */
        java.util.List<String> errorFields() {
            JsonObject problem = json();
            if (!problem.containsKey("errors")) {
                return java.util.List.of();
            }
            return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("field")).toList();
        }

        @Override
        public String toString() {
            return status() + " " + contentType() + " " + body();
        }
    }
}
