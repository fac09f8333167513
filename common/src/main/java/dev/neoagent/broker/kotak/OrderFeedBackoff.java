package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnects of a feed: from the first delay, doubling per attempt up to the maximum, each drawn
 * at random from its upper half ("equal jitter"), so that the feeds of many users that dropped together do not
 * come back in step, and no delay is ever near zero. {@link #reset()} after a connection proved healthy.
 */
final class OrderFeedBackoff {
    private final long firstNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private int attempts;

    /** @param random values in [0, 1) */
    OrderFeedBackoff(Duration first, Duration max, DoubleSupplier random) {
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    Duration next() {
        long ceiling = firstNanos;
        for (int i = 0; i < attempts && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        attempts++;
        long half = ceiling / 2;
        return Duration.ofNanos(ceiling - half + (long) (random.getAsDouble() * half));
    }

    void reset() {
        attempts = 0;
    }
}
