package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cron/preview on the real server. */
class CronPreviewIT {
    @BeforeAll
    static void serverIsReady() {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
    }

    private static String query(String expression, String zone, String from, String count) {
        StringBuilder q = new StringBuilder("/cron/preview?expression=").append(URLEncoder.encode(expression, StandardCharsets.UTF_8));
        if (zone != null) {
            q.append("&zone=").append(URLEncoder.encode(zone, StandardCharsets.UTF_8));
        }
        if (from != null) {
            q.append("&from=").append(from);
        }
        if (count != null) {
            q.append("&count=").append(count);
        }
        return q.toString();
    }

    private static List<String> fires(JsonObject preview) {
        return preview.getJsonArray("fires").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void listsTheNextFiresWithOffsetsAcrossASpringForward() {
        ApiClient.Reply reply = TestUsers.viewer().get(query("30 2 * * mon-fri", "America/New_York", "2026-03-06T12:00:00Z", "3"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject preview = reply.json();
        assertThat(preview.getString("normalized")).isEqualTo("30 2 * * MON-FRI");
        assertThat(preview.getString("description")).isEqualTo("At 02:30 on Monday through Friday");
        assertThat(preview.getString("zone")).isEqualTo("America/New_York");
        assertThat(preview.getBoolean("fixedTime")).isTrue();
        assertThat(fires(preview)).containsExactly(
                "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00", "2026-03-11T02:30:00-04:00");
        assertThat(fires(ApiClient.admin().get(query("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "1")).json()))
                .containsExactly("2026-03-08T03:00:00-04:00");
    }

    @Test
    void anExpressionThatNeverFiresHasNoFires() {
        JsonObject preview = ApiClient.admin().get(query("0 0 30 2 *", null, null, null)).json();
        assertThat(fires(preview)).isEmpty();
        assertThat(preview.getString("zone")).isEqualTo("UTC");
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        ApiClient.Reply badHour = ApiClient.admin().get(query("0 24 * * *", null, null, null));
        assertThat(badHour.status()).isEqualTo(400);
        assertThat(badHour.contentType()).startsWith("application/problem+json");
        assertThat(badHour.json().getJsonArray("errors").getJsonObject(0).getString("message"))
                .isEqualTo("hour: 24 is outside 0-23");
        assertThat(ApiClient.admin().get(query("* * * * *", "Mars/Olympus", "yesterday", "101")).errorFields())
                .containsExactly("zone", "from", "count");
        assertThat(ApiClient.admin().get("/cron/preview").errorFields()).containsExactly("expression");
        assertThat(ApiClient.anonymous().get(query("* * * * *", null, null, null)).status()).isEqualTo(401);
    }
}
