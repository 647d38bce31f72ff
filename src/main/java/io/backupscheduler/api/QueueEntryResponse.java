package io.backupscheduler.api;

import io.backupscheduler.execution.WaitReasons;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.DependencyFailurePolicy;
import io.backupscheduler.queue.QueueAttempt;
import io.backupscheduler.queue.QueueEntry;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.queue.RunPurpose;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** A queue entry as the API shows it; {@code history} (every attempt) only where one entry is shown. */
public record QueueEntryResponse(long id, long jobId, String jobName, RunPurpose purpose, Priority priority, QueueStatus status,
                                 String statusReason, String waitingFor, JsonObject data, Instant scheduledAt, Instant notBefore,
                                 int attempts, int maxAttempts, DependencyFailurePolicy onDependencyFailure,
                                 String lastError, String leaseOwner, Instant leaseExpiresAt, Instant finishedAt,
                                 List<Long> dependsOn, Long scheduleId, Instant createdAt, Instant updatedAt,
                                 long version, List<Attempt> history) {

    /** One attempt: where and when it ran and how it ended. */
    public record Attempt(int attempt, String node, Instant startedAt, Instant finishedAt, Boolean succeeded, String error) {
        static Attempt of(QueueAttempt a) {
            return new Attempt(a.getAttempt(), a.getNode(), a.getStartedAt(), a.getFinishedAt(), a.getSucceeded(), a.getError());
        }
    }

    private static final JsonProvider JSON = JsonProvider.provider(); // Json.* looks it up on every call

    static QueueEntryResponse of(QueueEntry e) {
        return of(e, null, null);
    }

    /** With what an entry that has not started waits for: dependencies, backoff, a node, a shared limit, resources. */
    static QueueEntryResponse of(QueueEntry e, List<QueueAttempt> attempts, WaitReasons.Snapshot waits) {
        return new QueueEntryResponse(e.getId(), e.getJob().getId(), e.getJob().getName(), e.getPurpose(), e.getPriority(), e.getStatus(),
                e.getStatusReason(), waits == null ? null : waits.why(e), parse(e.getJobData()), e.getScheduledAt(), e.getNotBefore(), e.getAttempts(),
                e.getMaxAttempts(), e.getOnDependencyFailure(), e.getLastError(), e.getLeaseOwner(), e.getLeaseExpiresAt(),
                e.getFinishedAt(), e.getDependsOn().stream().sorted().toList(), e.getScheduleId(), e.getCreatedAt(), e.getUpdatedAt(),
                e.getVersion(), attempts == null ? null : attempts.stream().map(Attempt::of).toList());
    }

    private static JsonObject parse(String data) {
        if (data == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(data))) {
            return reader.readObject();
        }
    }
}
