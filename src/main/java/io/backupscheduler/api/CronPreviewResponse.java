package io.backupscheduler.api;

import java.util.List;

/** What a cron expression means: its normal form, a description, and its next fires with offsets. */
public record CronPreviewResponse(String expression, String normalized, String description, String zone,
                                  boolean fixedTime, List<String> fires) {
}
