package io.backupscheduler.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configuration keys several capabilities read. Each is read here, with its one default, so that schedules,
 * the cron preview and retention agree on the zone, runs and the first admin's password file on the data
 * directory, and job and queue dependencies on how deep they may go.
 */
@ApplicationScoped
public class SharedSettings {
    @Inject
    @ConfigProperty(name = "backup.schedule.default-zone", defaultValue = "UTC")
    String defaultZone;

    @Inject
    @ConfigProperty(name = "backup.data-dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "backup.queue.max-dependency-depth", defaultValue = "20")
    int maxDependencyDepth;

    /** The zone of schedules and calendars that name none, and of retention's days, weeks and months. */
    public ZoneId defaultZone() {
        return ZoneId.of(defaultZoneName());
    }

    /** The default zone as configured (a schedule stores the name). */
    public String defaultZoneName() {
        return defaultZone.strip();
    }

    /** Where this node keeps its files (run directories, the generated admin password): the server's working directory when unset. */
    public Path dataDirectory() {
        return Path.of(dataDir.filter(s -> !s.isBlank()).orElse(System.getProperty("user.dir")));
    }

    /** The longest chain of dependencies below a queue entry or between jobs. */
    public int maxDependencyDepth() {
        return maxDependencyDepth;
    }
}
