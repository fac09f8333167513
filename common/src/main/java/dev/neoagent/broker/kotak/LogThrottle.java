package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets one log line per key through per interval, so that a feed flooding the same bad frame cannot flood the
 * log; the caller counts every occurrence elsewhere (metrics). Not thread-safe: one feed thread uses it.
 */
final class LogThrottle {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastLogged = new HashMap<>();

    LogThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether to log {@code key} now; true the first time and then once per interval. */
    boolean shouldLog(String key) {
        long now = nanoTime.getAsLong();
        Long last = lastLogged.get(key);
        if (last != null && now - last < intervalNanos) {
            return false;
        }
        lastLogged.put(key, now);
        return true;
    }
}
