package io.backupscheduler.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the next waits
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, spread by ±{@code jitter} of itself so that entries that
 * failed together do not retry together. After {@code maxAttempts} attempts in all, there is no next one: the
 * entry is dead.
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter) {
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays: need 0 <= initialDelay <= maxDelay");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier: must be at least 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be at least 1 (the first run)");
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter: must be at least 0 and below 1");
        }
    }

    /** The same policy with another number of retries (a job's max retries overriding the default): attempts = retries + 1. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(initialDelay, multiplier, maxDelay, retries + 1, jitter);
    }

    /**
     * How long to wait before the next attempt after {@code failedAttempts} attempts have failed, or empty when
     * none is left. {@code random} gives values in [0, 1).
     */
    public Optional<Duration> delayAfter(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts: must be at least 1");
        }
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        double base = initialDelay.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        long millis = Math.round(Math.min(maxDelay.toMillis(), Math.max(0, capped + spread)));
        return Optional.of(Duration.ofMillis(millis));
    }
}
