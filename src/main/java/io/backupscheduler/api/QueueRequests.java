package io.backupscheduler.api;

import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.DependencyFailurePolicy;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request bodies of the queue endpoints (JavaBeans, as JSON-B binds them). */
public final class QueueRequests {
    private QueueRequests() {
    }

    /** POST /queue: a run of a job, optionally waiting for other entries. */
    public static class Enqueue {
        public Long jobId;
        public Priority priority;
        public JsonObject data;
        public List<Long> dependsOn = new ArrayList<>();
        public DependencyFailurePolicy onDependencyFailure;
        public Instant notBefore;
    }

    /** POST /queue/{id}/dependencies. */
    public static class Dependencies {
        public List<Long> dependsOn = new ArrayList<>();
    }

    /** POST /queue/chains. */
    public static class Chain {
        public List<Long> entries = new ArrayList<>();
    }
}
