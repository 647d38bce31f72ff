package io.backupscheduler.observability;

/**
 * A meter's name, help text and unit, as both registries want them.
 *
 * @param unit {@link #NONE} or {@link #SECONDS} (timers): Prometheus names carry the unit, and servers disagree on
 *             how they render others (Payara turns milliseconds into seconds, adds _bytes to a counter of bytes)
 */
record MeterName(String name, String description, String unit) {
    static final String NONE = "none";
    static final String SECONDS = "seconds";
}
