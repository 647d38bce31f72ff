package io.backupscheduler.queue;

/** Entries became ready to claim (queued, or retried by hand): executors may look now instead of at their next poll. */
public record WorkQueued(int entries) {
}
