package dev.neoagent.agent.spot;

import dev.neoagent.contract.SpotKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which writer of the spot keys is live: the market-data feed, or the REST poller while the feed is down or silent.
 * The feed writes on every tick; the poller asks this object before each cycle and stays quiet while the feed is
 * live, and never writes a quote older than the feed's last tick of that index (Kotak's REST quotes can lag by
 * minutes).
 *
 * <p>The feed counts as live while it is connected and has ticked within {@code feedQuiet} (two poll intervals): the
 * poller takes over within one more poll interval of the feed going quiet. Reconnecting a silent feed is the feed's
 * own stall watchdog's business ({@code NEO_FEED_STALL_MS}), on a longer clock.
 *
 * <p>Thread-safe: the feed's thread, the poller and the health endpoint read and write it.
 */
public final class SpotSource {
    private final Duration feedQuiet;
    private final Duration restFresh;

    private volatile boolean feedConnected;
    /** {@link System#nanoTime()} of the last feed tick and REST write: elapsed time, not a timestamp. */
    private volatile long lastFeedTick;

    private volatile long lastRestWrite;
    private volatile boolean fedOnce;
    private volatile boolean restOnce;
    private final Map<SpotIndex, Instant> feedQuoteTimes = new EnumMap<>(SpotIndex.class);

    /**
     * @param feedQuiet the feed is no longer live when it has not ticked for this long
     * @param restFresh the poller is the live source while it wrote within this long (and the feed is not live)
     */
    public SpotSource(Duration feedQuiet, Duration restFresh) {
        this.feedQuiet = Objects.requireNonNull(feedQuiet, "feedQuiet");
        this.restFresh = Objects.requireNonNull(restFresh, "restFresh");
    }

    /** A source for an agent without a feed: the poller is always on. */
    public static SpotSource restOnly(Duration restFresh) {
        return new SpotSource(Duration.ZERO, restFresh);
    }

    void feedConnected(boolean connected) {
        feedConnected = connected;
    }

    /** The feed wrote an index's value, quoted at {@code quoteTime}. */
    void feedTick(SpotIndex index, Instant quoteTime) {
        lastFeedTick = System.nanoTime();
        fedOnce = true;
        synchronized (feedQuoteTimes) {
            feedQuoteTimes.merge(index, quoteTime, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    void restWrite() {
        lastRestWrite = System.nanoTime();
        restOnce = true;
    }

    /** Whether the feed is connected and ticking: the poller stays quiet. */
    public boolean feedLive() {
        return feedConnected && fedOnce && System.nanoTime() - lastFeedTick <= feedQuiet.toNanos();
    }

    /** Whether a REST quote of {@code index} quoted at {@code quoteTime} is newer than what the feed last wrote. */
    boolean newerThanFeed(SpotIndex index, Instant quoteTime) {
        synchronized (feedQuoteTimes) {
            Instant feed = feedQuoteTimes.get(index);
            return feed == null || quoteTime.isAfter(feed);
        }
    }

    /** {@code feed} or {@code rest}: where the spot values come from now; empty when neither writes. */
    public Optional<String> current() {
        if (feedLive()) {
            return Optional.of(SpotKeys.SOURCE_FEED);
        }
        if (restOnce && System.nanoTime() - lastRestWrite <= restFresh.toNanos()) {
            return Optional.of(SpotKeys.SOURCE_REST);
        }
        return Optional.empty();
    }

    /** Whether the feed is connected now (for /health). */
    public boolean feedConnected() {
        return feedConnected;
    }
}
