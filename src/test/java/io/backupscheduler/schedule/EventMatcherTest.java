package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventMatcherTest {
    @Test
    void systemEventsMatchByEventAndOptionallyByJob() {
        assertThat(EventMatcher.matches(EventType.SYSTEM, "job-succeeded", "job-succeeded:db dump")).isTrue();
        assertThat(EventMatcher.matches(EventType.SYSTEM, "job-succeeded:db dump", "job-succeeded:db dump")).isTrue();
        assertThat(EventMatcher.matches(EventType.SYSTEM, "JOB_SUCCEEDED: db dump", "job-succeeded:db dump")).isTrue();
        assertThat(EventMatcher.matches(EventType.SYSTEM, "job-succeeded:files", "job-succeeded:db dump")).isFalse();
        assertThat(EventMatcher.matches(EventType.SYSTEM, "job-failed", "job-succeeded:db dump")).isFalse();
        assertThat(EventMatcher.matches(EventType.SYSTEM, "application-started", "application-started")).isTrue();
    }

    @Test
    void fileChangesMatchByGlobAndWebhooksByName() {
        assertThat(EventMatcher.matches(EventType.FILE_CHANGE, "/srv/in/**.csv", "/srv/in/2026/a.csv")).isTrue();
        assertThat(EventMatcher.matches(EventType.FILE_CHANGE, "/srv/in/*.csv", "/srv/in/2026/a.csv")).isFalse();
        assertThat(EventMatcher.matches(EventType.WEBHOOK, "deploy", "deploy")).isTrue();
        assertThat(EventMatcher.matches(EventType.WEBHOOK, "deploy", "deploy2")).isFalse();
    }

    @Test
    void theRunGetsTheSchedulesDataWithTheEventAdded() {
        assertThat(EventMatcher.jobData("{\"mode\":\"FULL\"}", EventType.WEBHOOK, "deploy", "{\"v\":1}"))
                .isEqualTo("{\"mode\":\"FULL\",\"event\":{\"type\":\"WEBHOOK\",\"subject\":\"deploy\",\"data\":{\"v\":1}}}");
        assertThat(EventMatcher.jobData(null, EventType.WEBHOOK, "deploy", "plain text"))
                .isEqualTo("{\"event\":{\"type\":\"WEBHOOK\",\"subject\":\"deploy\",\"data\":\"plain text\"}}");
        String huge = "\"" + "x".repeat(20_000) + "\"";
        assertThat(EventMatcher.jobData(null, EventType.WEBHOOK, "deploy", huge))
                .contains("dataOmitted").hasSizeLessThan(16_000);
    }
}
