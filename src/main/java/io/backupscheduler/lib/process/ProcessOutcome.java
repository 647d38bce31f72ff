package io.backupscheduler.lib.process;

/**
 * The result of running one command.
 *
 * @param ending how it ended
 * @param exitCode the exit code, null when it never started
 * @param reason why it was stopped or refused, null when it simply exited
 * @param enforcement which mechanism enforced each limit, e.g. {@code "memory: prlimit --as; cpu: nice + duty cycle"}
 * @param usage the usage sampled while it ran
 * @param logTruncated whether output beyond the log cap was dropped
 */
public record ProcessOutcome(RunEnding ending, Integer exitCode, String reason, String enforcement, ResourceUsage usage,
                             boolean logTruncated) {
}
