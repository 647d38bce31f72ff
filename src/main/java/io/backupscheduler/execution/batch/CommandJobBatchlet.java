package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The one step of command-job: a COMMAND backup's check-resources, run-command and verify, run one after the other
 * in a single batch step. Each part is recorded as the run's step when it begins, as the steps of backup-job are, so
 * the run shows where it is and where it stopped. One batch step instead of three and a decision spares a run
 * about half of the batch runtime's bookkeeping (its step records and the transactions between steps), which on a
 * short command costs more than the command itself. A COMMAND run is never restarted part-way (a retry starts it
 * afresh), so nothing is lost by not having the parts as steps of their own.
 */
@Named("commandJobBatchlet")
@Dependent
public class CommandJobBatchlet extends RunStep {
    @Inject
    CheckResourcesBatchlet checkResources;

    @Inject
    CommandBatchlet command;

    @Inject
    VerifyBatchlet verify;

    @Override
    String perform(ActiveRun current) {
        return work(current);
    }

    @Override
    String work(ActiveRun run) {
        String outcome = part(run, "check-resources", checkResources::work);
        if (COMPLETED.equals(outcome)) {
            outcome = part(run, "run-command", command::work);
        }
        if (COMPLETED.equals(outcome)) {
            outcome = part(run, "verify", verify::work);
        }
        return outcome;
    }
}
