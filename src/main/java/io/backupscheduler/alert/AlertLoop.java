package io.backupscheduler.alert;

import io.backupscheduler.execution.RunEnded;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every node looks at the rules every {@code backup.alerts.evaluate-seconds} and sends what is due; the end of a
 * run brings the next look forward, so that a dead letter is reported in seconds. Passes
 * never overlap on a node, and the row locks keep nodes from doing the same work.
 */
@ApplicationScoped
public class AlertLoop {
    private static final Logger LOG = Logger.getLogger(AlertLoop.class.getName());
    /** Deliveries one pass sends at most; the rest wait for the next pass. */
    private static final int DELIVERIES_PER_PASS = 100;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertNotifier notifier;

    @Inject
    @ConfigProperty(name = "backup.alerts.evaluate-seconds", defaultValue = "30")
    long evaluateSeconds;

    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile ScheduledFuture<?> periodic;

    public void start() {
        periodic = executor.scheduleWithFixedDelay(this::pass, evaluateSeconds, evaluateSeconds, TimeUnit.SECONDS);
        LOG.info(() -> "alert rules are looked at every " + evaluateSeconds + " s");
    }

    public void stop() {
        ScheduledFuture<?> task = periodic;
        if (task != null) {
            task.cancel(false);
        }
    }

    void onRunEnded(@Observes RunEnded ended) {
        if (periodic != null && passQueued.compareAndSet(false, true)) {
            // a second later: the queue has taken the outcome by then (retry or dead letter)
            executor.schedule(this::pass, 1, TimeUnit.SECONDS);
        }
    }

    /** One pass: every rule, then the outbox. */
    public synchronized void pass() {
        passQueued.set(false);
        try {
            for (long ruleId : evaluator.ruleIds()) {
                try {
                    evaluator.evaluate(ruleId);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "alert rule " + ruleId + " could not be evaluated; trying again next pass", e);
                }
            }
            int sent = 0;
            while (sent < DELIVERIES_PER_PASS && notifier.deliverNext()) {
                sent++;
            }
        } catch (RuntimeException e) { // the database is away: the next pass tries again
            LOG.log(Level.FINE, "alert pass failed", e);
        }
    }
}
