package io.backupscheduler.schedule;

/** The kinds of event an EVENT schedule can follow. */
public enum EventType {
    /** A file created, modified or deleted under a watched path; the source is a glob of paths. */
    FILE_CHANGE,
    /** A signed call of an inbound webhook; the source is the webhook's name. */
    WEBHOOK,
    /** Something the scheduler itself reports; the source is one of {@link SystemEvent}'s names. */
    SYSTEM
}
