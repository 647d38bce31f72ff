package io.backupscheduler.execution;

import java.time.Instant;

/**
 * What a run's batch job has shown of itself: whether the runtime accepted it ({@code submitted}), began it (its job
 * listener ran), is inside one of its steps now, and when it last did any of these.
 */
public record BatchJobSigns(boolean submitted, boolean began, boolean inStep, Instant lastSign) {
}
