package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long a feed waits before its next connection attempt, for both Kotak feeds: {@code initial}, doubling with each
 * attempt in a row up to {@code max}, each wait drawn at random from the upper half of its step ("equal jitter":
 * between half the step and all of it). So a feed never retries in a tight loop (no wait is under half of
 * {@code initial}), and the feeds of many users dropped together do not come back in step. A connection that stayed up
 * for {@code healthyAfter} before it ended ({@link #ended}) starts the sequence again. Not thread-safe: used on the
 * feed's thread only.
 */
final class FeedBackoff {
    private final Duration initial;
    private final Duration max;
    private final Duration healthyAfter;
    private final DoubleSupplier random;
    private int attempts;

    /** @param random uniform in [0, 1) */
    FeedBackoff(Duration initial, Duration max, Duration healthyAfter, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.healthyAfter = Objects.requireNonNull(healthyAfter, "healthyAfter");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (healthyAfter.isNegative() || healthyAfter.isZero()) {
            throw new IllegalArgumentException("healthyAfter must be positive, was " + healthyAfter);
        }
    }

    /**
     * A connection that had come up ended after {@code upFor}: if that is at least {@code healthyAfter}, the next wait
     * is {@code initial}'s again.
     */
    void ended(Duration upFor) {
        if (upFor.compareTo(healthyAfter) >= 0) {
            attempts = 0;
        }
    }

    /** The wait before the next attempt; each call counts one attempt. */
    Duration next() {
        Duration step = initial;
        for (int i = 0; i < attempts && step.compareTo(max) < 0; i++) {
            step = step.multipliedBy(2);
        }
        if (step.compareTo(max) > 0) {
            step = max;
        }
        attempts++;
        long half = step.toNanos() / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (step.toNanos() - half)));
    }
}
