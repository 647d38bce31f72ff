package io.backupscheduler.observability;

import io.backupscheduler.job.Priority;
import io.backupscheduler.queue.QueueReports;
import io.backupscheduler.queue.QueueDepth;
import io.backupscheduler.queue.QueueStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The queue's depth as gauges read it: one query for all thirty figures, at most once per refresh interval, so a
 * scrape (or several Prometheus servers) does not put a query per gauge on the database. While the database cannot
 * be read the gauges answer NaN rather than a stale figure.
 */
@ApplicationScoped
public class QueueDepthGauges {
    private static final Logger LOG = Logger.getLogger(QueueDepthGauges.class.getName());

    @Inject
    QueueReports queue;

    @Inject
    @ConfigProperty(name = "backup.metrics.queue-refresh-seconds", defaultValue = "5")
    long refreshSeconds;

    private volatile QueueDepth depth;
    private volatile long readAtNanos;

    public double count(Priority priority, QueueStatus status) {
        QueueDepth current = current();
        return current == null ? Double.NaN : current.count(priority, status);
    }

    public double dead() {
        QueueDepth current = current();
        return current == null ? Double.NaN : current.total(QueueStatus.DEAD);
    }

    private QueueDepth current() {
        long now = System.nanoTime();
        QueueDepth known = depth;
        if (known != null && now - readAtNanos < refreshSeconds * 1_000_000_000L) {
            return known;
        }
        synchronized (this) {
            if (depth != known) { // another scrape thread refreshed it meanwhile
                return depth;
            }
            try {
                depth = queue.depth();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "queue depth unavailable", e);
                depth = null;
            }
            readAtNanos = System.nanoTime();
            return depth;
        }
    }
}
