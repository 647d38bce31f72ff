package io.backupscheduler.console;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.Execution;
import io.backupscheduler.execution.ExecutionService;
import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.lib.process.ResourceUsage;
import io.backupscheduler.security.CurrentUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The Executions page and the dashboard's running-now panel: every run, filtered, live usage, cancel. */
@Named
@ViewScoped
public class ExecutionsView implements Serializable {
    @Inject
    ExecutionService executions;

    @Inject
    CurrentUser currentUser;

    @Inject
    ExecutionFigures figures;

    private ExecutionLazyDataModel model;

    @PostConstruct
    void init() {
        model = new ExecutionLazyDataModel(executions);
    }

    public ExecutionLazyDataModel getExecutions() {
        return model;
    }

    public ExecutionStatus[] getStatuses() {
        return ExecutionStatus.values();
    }

    public List<Execution> getRunningNow() {
        return executions.runningNow();
    }

    /** Usage as recorded, or as sampled so far while it runs on this node. */
    public String usage(Execution execution) {
        if (execution.getStatus() == ExecutionStatus.RUNNING) {
            return executions.live(execution.getId()).map(run -> figures.usage(run.usage())).orElse("running on " + execution.getNode());
        }
        if (execution.getCpuAvgPercent() == null) {
            return "";
        }
        return figures.usage(new ResourceUsage(execution.getCpuAvgPercent(), execution.getCpuPeakPercent(),
                execution.getPeakRssMb(), execution.getBytesRead() == null ? 0 : execution.getBytesRead(),
                execution.getBytesWritten() == null ? 0 : execution.getBytesWritten()));
    }

    /** "37% (12 of 40 files)" while a directory backup runs on this node, empty otherwise. */
    public String progress(Execution execution) {
        long[] p = executions.live(execution.getId()).map(run -> run.progress()).orElse(null);
        if (p == null) {
            return "";
        }
        return percent(p) + "% (" + p[0] + " of " + p[1] + " files)";
    }

    /** Progress in percent while a directory backup runs on this node; null when there is none to show. */
    public Integer progressPercent(Execution execution) {
        return executions.live(execution.getId()).map(ActiveRun::progress).map(ExecutionsView::percent).orElse(null);
    }

    /** Bytes done of bytes expected, 0-100 (files when there are no bytes). */
    static int percent(long[] p) {
        if (p[3] > 0) {
            return (int) Math.min(100, p[2] * 100 / p[3]);
        }
        return p[1] > 0 ? (int) Math.min(100, p[0] * 100 / p[1]) : 0;
    }

    /** The batch step a running execution is in right now. */
    public String step(Execution execution) {
        return executions.live(execution.getId()).map(run -> run.step()).orElse(execution.getStep());
    }

    public void cancel(Execution execution) {
        if (!currentUser.isOperator()) {
            FormMessages.globalError("Only operators and admins may cancel runs.");
            return;
        }
        try {
            executions.cancel(execution.getId(), currentUser.getName());
            FormMessages.info("Cancelling execution #" + execution.getId() + " (" + execution.getJobName() + ").");
        } catch (ConflictException | NoSuchEntityException e) {
            FormMessages.globalError(e.getMessage());
        }
    }
}
