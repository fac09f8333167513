package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long a feed waits before its next connection attempt: {@code initial}, doubling with each failure in a row up
 * to {@code max}, with "equal jitter" (a random point in the upper half of the step: between half of it and all of
 * it), so a feed never retries in a tight loop and several feeds dropped together do not come back in step. A
 * connection that stayed up for {@code healthyAfter} before it ended starts the sequence again. Not thread-safe:
 * used on the feed's thread only.
 */
final class ReconnectPolicy {
    private final Duration initial;
    private final Duration max;
    private final Duration healthyAfter;
    private final DoubleSupplier random;
    private int failures;

    /** @param random uniform in [0, 1) */
    ReconnectPolicy(Duration initial, Duration max, Duration healthyAfter, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.healthyAfter = Objects.requireNonNull(healthyAfter, "healthyAfter");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /**
     * The wait before the next attempt.
     *
     * @param upFor how long the connection that just ended had been up (zero if it never came up)
     */
    Duration next(Duration upFor) {
        if (upFor.compareTo(healthyAfter) >= 0) {
            failures = 0;
        }
        Duration step = initial;
        for (int i = 0; i < failures && step.compareTo(max) < 0; i++) {
            step = step.multipliedBy(2);
        }
        if (step.compareTo(max) > 0) {
            step = max;
        }
        failures++;
        long half = step.toNanos() / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (step.toNanos() - half)));
    }

    /** Failures in a row so far (for logs). */
    int failures() {
        return failures;
    }
}
