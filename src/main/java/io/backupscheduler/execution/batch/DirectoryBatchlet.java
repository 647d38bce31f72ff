package io.backupscheduler.execution.batch;

import io.backupscheduler.execution.ActiveRun;
import io.backupscheduler.execution.ExecutionStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * The work of a DIRECTORY job. The archive engine (tar + zstd with manifests, incrementals, verify and restore)
 * is not part of this build yet, so such a run fails with that said plainly instead of pretending to back up.
 */
@Named("directoryBatchlet")
@Dependent
public class DirectoryBatchlet extends RunStep {
    @Override
    String work(ActiveRun run) {
        run.ended(ExecutionStatus.FAILED, null, "DIRECTORY jobs cannot run yet: this build has no directory archive engine;"
                + " use a COMMAND job (e.g. tar) meanwhile", null, null);
        return FAILED;
    }
}
