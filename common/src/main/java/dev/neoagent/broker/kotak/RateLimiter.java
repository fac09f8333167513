package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code permits} requests in any sliding window of {@code window} (Kotak: 10 per second
 * per account). Callers block until a permit is free; nothing is ever dropped, so an order waits
 * rather than fails. A sliding window, unlike fixed per-second buckets, never lets 2 × permits
 * through around a bucket boundary.
 */
public final class RateLimiter {

    /** Sleeps for a number of nanoseconds; replaced in tests by a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ArrayDeque<Long> grantedAt = new ArrayDeque<>();
    private final AtomicLong waits = new AtomicLong();

    public RateLimiter(int permits, Duration window) {
        this(permits, window, System::nanoTime, nanos -> Thread.sleep(Duration.ofNanos(nanos)));
    }

    public RateLimiter(int permits, Duration window, LongSupplier nanoClock, Sleeper sleeper) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may go out. Returns how long it waited, in nanoseconds. */
    public long acquire() throws InterruptedException {
        long start = nanoClock.getAsLong();
        boolean waited = false;
        while (true) {
            long pause;
            synchronized (this) {
                long now = nanoClock.getAsLong();
                while (!grantedAt.isEmpty() && now - grantedAt.peekFirst() >= windowNanos) {
                    grantedAt.pollFirst();
                }
                if (grantedAt.size() < permits) {
                    grantedAt.addLast(now);
                    if (waited) {
                        waits.incrementAndGet();
                    }
                    return now - start;
                }
                pause = grantedAt.peekFirst() + windowNanos - now;
            }
            waited = true;
            sleeper.sleepNanos(pause);
        }
    }

    /** How many acquisitions had to wait so far (for metrics). */
    public long waitCount() {
        return waits.get();
    }
}
