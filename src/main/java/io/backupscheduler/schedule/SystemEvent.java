package io.backupscheduler.schedule;

import java.util.Locale;

/** The events the scheduler raises itself. A schedule on JOB_* events may narrow them to one job by name. */
public enum SystemEvent {
    APPLICATION_STARTED,
    JOB_SUCCEEDED,
    JOB_FAILED,
    JOB_DEAD,
    LOW_DISK;

    /** The name users write: lower case with dashes, e.g. {@code job-succeeded}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SystemEvent ofKey(String key) {
        for (SystemEvent event : values()) {
            if (event.key().equalsIgnoreCase(key) || event.name().equalsIgnoreCase(key)) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown system event '" + key + "'");
    }
}
