package io.backupscheduler.execution;

import java.time.Instant;

/**
 * What a run's batch job has shown of itself: whether the runtime accepted it ({@code submitted}), began it (its job
 * listener ran), is inside one of its steps now, whether the run is being ended already (its job listener's end, which
 * may wait for the database), and when the job last showed any of these.
 */
public record BatchJobSigns(boolean submitted, boolean began, boolean inStep, boolean ending, Instant lastSign) {
}
