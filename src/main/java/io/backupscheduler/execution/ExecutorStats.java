package io.backupscheduler.execution;

import java.util.Map;

/**
 * The executor at a glance: this node's slots and what occupies them, whether the executor is paused, how often
 * admission made work wait (since this node started) and why last, the host's load, the thresholds in force,
 * and the last 24 hours of finished runs by status with their average duration.
 */
public record ExecutorStats(String node, int maxWorkers, int runningHere, long runningEverywhere, boolean paused,
                            long startedSinceBoot, long admissionWaits, String lastAdmissionWait, SystemSnapshot host,
                            AdmissionThresholds thresholds, Map<String, Long> finishedLast24Hours,
                            double averageDurationSecondsLast24Hours) {
}
