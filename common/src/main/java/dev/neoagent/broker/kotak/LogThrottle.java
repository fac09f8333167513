package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets one log line per key through per interval, so that a feed flooding the same bad frame cannot flood the
 * log; the caller counts every occurrence elsewhere (metrics). Every once-a-minute-per-kind line of the Kotak feeds
 * goes through one ({@link #perMinute()}). Not thread-safe: one feed thread uses it.
 */
final class LogThrottle {
    private static final Duration PER_MINUTE = Duration.ofMinutes(1);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastLogged = new HashMap<>();

    LogThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The feeds' throttle: one line per key per minute, on the system's clock. */
    static LogThrottle perMinute() {
        return new LogThrottle(PER_MINUTE, System::nanoTime);
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
