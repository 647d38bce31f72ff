package io.backupscheduler.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations the server's OpenAPI document publishes: what the role matrix and the fuzzer walk. */
final class OpenApiOperations {
    /** One operation: method, path relative to /api/v1 (with {templates}), its query parameters, whether it takes a body. */
    record Operation(String method, String path, List<String> queryParameters, boolean hasBody) {
        String key() {
            return method + " " + path;
        }
    }

    private OpenApiOperations() {
    }

    static List<Operation> published() {
        HttpResponse<String> document;
        try {
            document = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(ItEnvironment.serverRoot() + "/openapi?format=JSON"))
                            .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document could not be read", e);
        }
        if (document.statusCode() != 200) {
            throw new IllegalStateException("/openapi answered " + document.statusCode());
        }
        JsonObject paths;
        try (JsonReader reader = Json.createReader(new StringReader(document.body()))) {
            paths = reader.readObject().getJsonObject("paths");
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
            String relative = path.getKey().substring(path.getKey().indexOf("/api/v1") + "/api/v1".length());
            for (Map.Entry<String, JsonValue> method : path.getValue().asJsonObject().entrySet()) {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                JsonObject operation = method.getValue().asJsonObject();
                List<String> query = new ArrayList<>();
                if (operation.containsKey("parameters")) {
                    for (JsonValue parameter : operation.getJsonArray("parameters")) {
                        JsonObject p = parameter.asJsonObject();
                        if ("query".equals(p.getString("in", ""))) {
                            query.add(p.getString("name"));
                        }
                    }
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), relative, query,
                        operation.containsKey("requestBody")));
            }
        }
        return operations;
    }
}
