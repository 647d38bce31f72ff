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
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The application's metrics (docs/operations.md, "Metrics"), in whichever registry the server offers ({@link MeterRegistries}).
 * Every series is registered at start-up, so a scrape shows each name with zeros before anything happened.
 * Counters follow events the capabilities raise; gauges read the queue (cached) and this node's running runs.
 */
@ApplicationScoped
public class SchedulerMetrics {
    private static final MeterName FIRES = new MeterName("scheduler.fires", "Fires of schedules on this node, by"
            + " schedule type and outcome (QUEUED, REPLACED, SKIPPED_OVERLAP, SKIPPED_MISFIRE)", MeterName.NONE);
    private static final MeterName LATENESS = new MeterName("scheduler.fire.lateness",
            "How long after its due time a fire's run was queued", MeterName.SECONDS);
    private static final MeterName QUEUE_DEPTH = new MeterName("queue.depth", "Queue entries by priority and status"
            + " (the whole cluster's queue; SUCCEEDED and CANCELLED are history and not counted)", MeterName.NONE);
    private static final MeterName DEAD_LETTERS = new MeterName("deadletters.size",
            "Entries in the dead-letter queue (the whole cluster's)", MeterName.NONE);
    private static final MeterName RUNNING = new MeterName("executions.running", "Runs in progress on this node",
            MeterName.NONE);
    private static final MeterName FINISHED = new MeterName("executions.finished",
            "Runs that ended on this node, by final status", MeterName.NONE);
    private static final MeterName DURATION = new MeterName("execution.duration",
            "How long runs took on this node, by job kind", MeterName.SECONDS);
    private static final MeterName BYTES = new MeterName("backup.bytes",
            "Bytes runs read from sources and wrote to targets on this node", MeterName.NONE); // the name says bytes:
    // with a unit, Payara would add a second _bytes
    private static final MeterName ADMISSION_WAITS = new MeterName("resource.admission.waits",
            "Times a claimed entry went back to wait for CPU, memory, disk or I/O on this node", MeterName.NONE);

    @Inject
    QueueDepthGauges queueDepth;

    @Inject
    RunningExecutions running;

    @Inject
    Instance<MeterRegistryBridge> registries;

    private final Map<ScheduleType, Map<FireOutcome, MeterRegistryBridge.Count>> fires = new EnumMap<>(ScheduleType.class);
    private final Map<ScheduleType, MeterRegistryBridge.Durations> lateness = new EnumMap<>(ScheduleType.class);
    private final Map<ExecutionStatus, MeterRegistryBridge.Count> finished = new EnumMap<>(ExecutionStatus.class);
    private final Map<JobKind, MeterRegistryBridge.Durations> durations = new EnumMap<>(JobKind.class);
    private MeterRegistryBridge.Count bytesRead;
    private MeterRegistryBridge.Count bytesWritten;
    /** Held for the application's life: a bridge may hold what its registry only references weakly (gauges). */
    private MeterRegistryBridge registry;
    private volatile MeterRegistryBridge.Count admissionWaits; // set last: registration is complete

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registerOnce();
    }

    /** Events can arrive before the application scope's start-up event (a timer that fired early). */
    private synchronized void registerOnce() {
        if (admissionWaits != null) {
            return;
        }
        registry = MeterRegistries.pick(registries);
        for (ScheduleType type : ScheduleType.values()) {
            Map<FireOutcome, MeterRegistryBridge.Count> byOutcome = new EnumMap<>(FireOutcome.class);
            for (FireOutcome outcome : FireOutcome.values()) {
                byOutcome.put(outcome, registry.counter(FIRES, Tags.of("type", type.name(), "outcome", outcome.name())));
            }
            fires.put(type, byOutcome);
            lateness.put(type, registry.timer(LATENESS, Tags.of("type", type.name())));
        }
        for (Priority priority : Priority.values()) {
            for (QueueStatus status : QueueDepth.STATUSES) {
                registry.gauge(QUEUE_DEPTH, Tags.of("priority", priority.name(), "status", status.name()),
                        () -> queueDepth.count(priority, status));
            }
        }
        registry.gauge(DEAD_LETTERS, Tags.of(), queueDepth::dead);
        registry.gauge(RUNNING, Tags.of(), running::count);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (status != ExecutionStatus.RUNNING) {
                finished.put(status, registry.counter(FINISHED, Tags.of("status", status.name())));
            }
        }
        for (JobKind kind : JobKind.values()) {
            durations.put(kind, registry.timer(DURATION, Tags.of("kind", kind.name())));
        }
        bytesRead = registry.counter(BYTES, Tags.of("direction", "read"));
        bytesWritten = registry.counter(BYTES, Tags.of("direction", "written"));
        admissionWaits = registry.counter(ADMISSION_WAITS, Tags.of());
    }

    void onFire(@Observes(during = TransactionPhase.AFTER_SUCCESS) FireRecorded fire) {
        registerOnce();
        fires.get(fire.type()).get(fire.outcome()).add(1);
        if (fire.queued()) {
            lateness.get(fire.type()).record(fire.lateness());
        }
    }

    void onRunEnded(@Observes RunEnded ended) {
        registerOnce();
        MeterRegistryBridge.Count count = finished.get(ended.status());
        if (count != null) {
            count.add(1);
        }
        durations.get(ended.kind()).record(ended.duration());
        bytesRead.add(Math.max(0, ended.bytesRead()));
        bytesWritten.add(Math.max(0, ended.bytesWritten()));
    }

    void onAdmissionDeferred(@Observes AdmissionDeferred deferred) {
        registerOnce();
        admissionWaits.add(1);
    }
}
