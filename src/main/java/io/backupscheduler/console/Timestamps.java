package io.backupscheduler.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants for pages, as {@code #{timestamps.utc(job.updatedAt)}}: one format everywhere, in UTC. */
@Named
@ApplicationScoped
public class Timestamps {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public String utc(Instant instant) {
        return utcText(instant);
    }

    /** "Updated 02:14:05 UTC": when a live page last took its figures from the server. */
    public String updatedNow() {
        return "Updated " + CLOCK.format(Instant.now()) + " UTC";
    }

    static String utcText(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
