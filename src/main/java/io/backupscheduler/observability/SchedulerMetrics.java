package io.backupscheduler.observability;

import io.backupscheduler.execution.AdmissionDeferred;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.execution.RunEnded;
import io.backupscheduler.execution.RunningExecutions;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.QueueDepth;
import io.backupscheduler.queue.QueueStatus;
import io.backupscheduler.schedule.FireOutcome;
import io.backupscheduler.schedule.FireRecorded;
import io.backupscheduler.schedule.ScheduleType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's metrics (README, "Metrics"), in the MicroProfile application registry that {@code /metrics}
 * serves. Every series is registered at start-up, so a scrape shows each name with zeros before anything happened.
 * Counters follow events the capabilities raise; gauges read the queue (cached) and this node's running runs.
 */
@ApplicationScoped
public class SchedulerMetrics {
    @Inject
    MetricRegistry registry;

    @Inject
    QueueDepthGauges queueDepth;

    @Inject
    RunningExecutions running;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (ScheduleType type : ScheduleType.values()) {
            for (FireOutcome outcome : FireOutcome.values()) {
                fires(type, outcome);
            }
            lateness(type);
        }
        for (Priority priority : Priority.values()) {
            for (QueueStatus status : QueueDepth.STATUSES) {
                registry.gauge(meta("queue.depth", "Queue entries by priority and status (the whole cluster's queue;"
                        + " SUCCEEDED and CANCELLED are history and not counted)", MetricUnits.NONE),
                        () -> queueDepth.count(priority, status), new Tag("priority", priority.name()), new Tag("status", status.name()));
            }
        }
        registry.gauge(meta("deadletters.size", "Entries in the dead-letter queue (the whole cluster's)", MetricUnits.NONE),
                queueDepth::dead);
        registry.gauge(meta("executions.running", "Runs in progress on this node", MetricUnits.NONE), running::count);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (status != ExecutionStatus.RUNNING) {
                finished(status);
            }
        }
        for (JobKind kind : JobKind.values()) {
            duration(kind);
        }
        bytes("read");
        bytes("written");
        admissionWaits();
    }

    void onFire(@Observes(during = TransactionPhase.AFTER_SUCCESS) FireRecorded fire) {
        fires(fire.type(), fire.outcome()).inc();
        if (fire.queued()) {
            lateness(fire.type()).update(fire.lateness().toMillis());
        }
    }

    void onRunEnded(@Observes RunEnded ended) {
        finished(ended.status()).inc();
        duration(ended.kind()).update(ended.duration());
        bytes("read").inc(Math.max(0, ended.bytesRead()));
        bytes("written").inc(Math.max(0, ended.bytesWritten()));
    }

    void onAdmissionDeferred(@Observes AdmissionDeferred deferred) {
        admissionWaits().inc();
    }

    private org.eclipse.microprofile.metrics.Counter fires(ScheduleType type, FireOutcome outcome) {
        return registry.counter(meta("scheduler.fires", "Fires of schedules on this node, by schedule type and outcome"
                + " (QUEUED, REPLACED, SKIPPED_OVERLAP, SKIPPED_MISFIRE)", MetricUnits.NONE),
                new Tag("type", type.name()), new Tag("outcome", outcome.name()));
    }

    private org.eclipse.microprofile.metrics.Histogram lateness(ScheduleType type) {
        return registry.histogram(meta("scheduler.fire.lateness", "How long after its due time a fire's run was queued",
                MetricUnits.MILLISECONDS), new Tag("type", type.name()));
    }

    private org.eclipse.microprofile.metrics.Counter finished(ExecutionStatus status) {
        return registry.counter(meta("executions.finished", "Runs that ended on this node, by final status", MetricUnits.NONE),
                new Tag("status", status.name()));
    }

    private org.eclipse.microprofile.metrics.Timer duration(JobKind kind) {
        return registry.timer(meta("execution.duration", "How long runs took on this node, by job kind", MetricUnits.SECONDS),
                new Tag("kind", kind.name()));
    }

    private org.eclipse.microprofile.metrics.Counter bytes(String direction) {
        return registry.counter(meta("backup.bytes", "Bytes runs read from sources and wrote to targets on this node",
                MetricUnits.BYTES), new Tag("direction", direction));
    }

    private org.eclipse.microprofile.metrics.Counter admissionWaits() {
        return registry.counter(meta("resource.admission.waits", "Times a claimed entry went back to wait for CPU, memory,"
                + " disk or I/O on this node", MetricUnits.NONE));
    }

    private static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
