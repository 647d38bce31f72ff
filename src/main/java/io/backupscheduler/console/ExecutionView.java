package io.backupscheduler.console;

import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.execution.Execution;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.security.CurrentUser;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.StepExecution;
import jakarta.faces.view.ViewScoped;
import io.backupscheduler.backup.BackupPoint;
import io.backupscheduler.backup.BackupPoints;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One execution: its outcome, limits and how they were enforced, the batch steps as a timeline, resource usage
 * (live while it runs here), the tail of its log, and cancel. The page polls while the run is RUNNING.
 */
@Named
@ViewScoped
public class ExecutionView implements Serializable {
    private static final Logger LOG = Logger.getLogger(ExecutionView.class.getName());
    private static final int LOG_LINES = 200;

    @Inject
    ExecutionService executions;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExecutionsView list;

    @Inject
    BackupPoints points;

    private String id;
    private Execution execution;
    private Long pointId;

    /** A batch step as the timeline shows it. */
    public static final class Step implements Serializable {
        private final String name;
        private final String status;
        private final String exitStatus;
        private final Instant start;
        private final Instant end;

        Step(String name, String status, String exitStatus, Instant start, Instant end) {
            this.name = name;
            this.status = status;
            this.exitStatus = exitStatus;
            this.start = start;
            this.end = end;
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public String getExitStatus() {
            return exitStatus;
        }

        public Instant getStart() {
            return start;
        }

        public Instant getEnd() {
            return end;
        }

        public Long getDurationMs() {
            return start == null ? null : Duration.between(start, end == null ? Instant.now() : end).toMillis();
        }
    }

    /** Loads the execution named by the id view parameter; a missing or unknown one shows a message instead. */
    public void load() {
        execution = null;
        try {
            execution = executions.get(Long.parseLong(id == null ? "" : id.strip()));
        } catch (NumberFormatException | NoSuchEntityException e) {
            FormMessages.globalError("There is no execution " + (id == null ? "" : "#" + id) + ".");
        }
        lookUpPoint();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Execution getExecution() {
        return execution;
    }

    public boolean isRunning() {
        return execution != null && execution.getStatus() == ExecutionStatus.RUNNING;
    }

    public String getUsage() {
        return execution == null ? "" : list.usage(execution);
    }

    public String getStep() {
        return execution == null ? "" : list.step(execution);
    }

    /** A running directory backup's progress, 0-100; -1 when there is none to show. */
    public int getProgressPercent() {
        long[] p = execution == null ? null : executions.live(execution.getId()).map(run -> run.progress()).orElse(null);
        return p == null || !isRunning() ? -1 : ExecutionsView.percent(p);
    }

    public String getProgressText() {
        return execution == null ? "" : list.progress(execution);
    }

    /** The id of the backup point this run wrote, or null; looked up with the execution, not at every EL call. */
    public Long getPointId() {
        return pointId;
    }

    private void lookUpPoint() {
        pointId = execution == null ? null : points.ofExecution(execution.getId()).map(BackupPoint::getId).orElse(null);
    }

    public String getLogTail() {
        return execution == null ? "" : executions.logTail(execution.getId(), LOG_LINES);
    }

    /** The batch runtime's own record of the steps, from its job repository. */
    public List<Step> getSteps() {
        List<Step> steps = new ArrayList<>();
        if (execution == null || execution.getBatchExecutionId() == null) {
            return steps;
        }
        try {
            for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(execution.getBatchExecutionId())) {
                steps.add(new Step(step.getStepName(), String.valueOf(step.getBatchStatus()), step.getExitStatus(),
                        step.getStartTime() == null ? null : step.getStartTime().toInstant(),
                        step.getEndTime() == null ? null : step.getEndTime().toInstant()));
            }
        } catch (RuntimeException e) { // purged from the job repository, or the batch runtime is away
            LOG.log(Level.FINE, "no batch steps for execution " + execution.getId(), e);
        }
        return steps;
    }

    public void refresh() {
        if (execution != null) {
            execution = executions.get(execution.getId());
        }
        lookUpPoint();
    }

    public void cancel() {
        if (execution != null) {
            list.cancel(execution);
            refresh();
        }
    }
}
