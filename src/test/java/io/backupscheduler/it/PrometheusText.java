package io.backupscheduler.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the server's application metrics, read as Prometheus text: series by name and labels. */
final class PrometheusText {
    /** Labels a server adds to every application series: MicroProfile Metrics' scope, WildFly's deployment. */
    private static final java.util.Set<String> SERVER_LABELS = java.util.Set.of("mp_scope", "WF_DEPLOYMENT");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Series key (name{label=value,...} with labels sorted, without the server's own labels) to value. */
    private final Map<String, Double> series = new TreeMap<>();
    private final String text;

    private PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String id = line.substring(0, space).trim();
            double value = Double.parseDouble(line.substring(space + 1).trim());
            int brace = id.indexOf('{');
            String name = brace < 0 ? id : id.substring(0, brace);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                Matcher m = LABEL.matcher(id.substring(brace));
                while (m.find()) {
                    if (!SERVER_LABELS.contains(m.group(1))) {
                        labels.put(m.group(1), m.group(2));
                    }
                }
            }
            series.put(key(name, labels), value);
        }
    }

    static PrometheusText scrape() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            ItEnvironment.metrics())
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return new PrometheusText(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("/metrics could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value of a series given as name and label pairs; fails when the scrape does not have it. */
    double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        Double value = series.get(key(name, labels));
        if (value == null) {
            throw new AssertionError("no series " + key(name, labels) + " in:\n" + text);
        }
        return value;
    }

    boolean hasName(String name) {
        return series.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels.toString().replace(", ", ",");
    }
}
