package io.backupscheduler.api;

import io.backupscheduler.execution.RunStates;
import io.backupscheduler.queue.QueueStatus;
import java.util.List;
import java.util.Optional;

/**
 * Runs asked for together, as they stand: {@code finished} is true when every one is (succeeded, dead,
 * cancelled or blocked); each run carries its queue entry's status and its latest execution, if any.
 */
public record RunsResponse(boolean finished, List<Run> runs) {

    /** One run: its queue entry, job, the entry's status, and the latest execution of it (null before it ran). */
    public record Run(long entryId, long jobId, QueueStatus entryStatus, boolean finished, ExecutionResponse execution) {
    }

    static RunsResponse of(List<RunStates.RunState> states) {
        List<Run> runs = states.stream().map(s -> new Run(s.entryId(), s.jobId(), s.entryStatus(), s.finished(),
                s.latestExecution() == null ? null : ExecutionResponse.of(s.latestExecution(), Optional.empty()))).toList();
        return new RunsResponse(runs.stream().allMatch(Run::finished), runs);
    }
}
