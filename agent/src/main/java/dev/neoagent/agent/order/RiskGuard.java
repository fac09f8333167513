package dev.neoagent.agent.order;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The per-user orders-per-minute limit. A request reserves all its orders at once, before the
 * first is sent, so a multi-leg request is never cut in half by the limit.
 */
public final class RiskGuard {
    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Clock clock;
    private final ArrayDeque<Long> sentAt = new ArrayDeque<>();

    public RiskGuard(Clock clock) {
        this.clock = clock;
    }

    /** Reserves {@code orders} sends, or returns false when that would pass {@code perMinute}. */
    public synchronized boolean tryReserve(int orders, int perMinute) {
        long now = clock.millis();
        while (!sentAt.isEmpty() && now - sentAt.peekFirst() >= WINDOW_MILLIS) {
            sentAt.pollFirst();
        }
        if (sentAt.size() + orders > perMinute) {
            return false;
        }
        for (int i = 0; i < orders; i++) {
            sentAt.addLast(now);
        }
        return true;
    }

    public synchronized int sentInLastMinute() {
        long now = clock.millis();
        return (int) sentAt.stream().filter(t -> now - t < WINDOW_MILLIS).count();
    }
}
