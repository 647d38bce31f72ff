package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Restores as the API runs them: queued (202), then a run of the point's job that the tests wait for. */
final class Restores {
    private Restores() {
    }

    /** Queues a restore with this body and answers its queue entry id; the request must be accepted. */
    static long queue(long pointId, String body) {
        ApiClient.Reply reply = TestUsers.operator().post("/backups/" + pointId + "/restore", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.header("Location")).as(reply.toString()).endsWith("/queue/" + reply.json().getJsonNumber("id"));
        assertThat(reply.json().getString("purpose")).isEqualTo("RESTORE");
        return reply.json().getJsonNumber("id").longValue();
    }

    /** The queue entry's latest run, once there is one. */
    static JsonObject run(long entryId) {
        List<JsonObject> runs = TestUsers.viewer().get("/executions?queueEntryId=" + entryId).json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        return runs.isEmpty() ? null : runs.get(0);
    }

    /**
     * Waits for the queue entry's run to end and answers it. The run's record takes its outcome a moment before the
     * queue entry does (two transactions): both have to have it.
     */
    static JsonObject awaitEnd(long entryId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonObject run = run(entryId);
            if (run != null && !"RUNNING".equals(run.getString("status"))
                    && !"RUNNING".equals(TestUsers.viewer().get("/queue/" + entryId).json().getString("status"))) {
                return run;
            }
            pause(200);
        }
        throw new AssertionError("the run of queue entry " + entryId + " did not end within " + timeout + ": " + run(entryId));
    }

    /** Queues a restore and waits for its run to end. */
    static JsonObject restore(long pointId, String body) {
        return awaitEnd(queue(pointId, body), Duration.ofSeconds(60));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
