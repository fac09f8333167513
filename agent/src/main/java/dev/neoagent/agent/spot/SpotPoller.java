package dev.neoagent.agent.spot;

import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.contract.SpotKeys;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code NF_SPOT}/{@code BN_SPOT} and their {@code _TS} timestamps current in Redis.
 *
 * <p>Each cycle asks the broker for both indices in <em>one</em> quotes call and writes every usable value with
 * its timestamp in <em>one</em> {@code MSET}, so a reader never pairs a value with another value's timestamp. The
 * timestamp is the quote's own update time ({@code lstup_time}), or the fetch time when the broker gave none.
 *
 * <p>While the market-data feed is live ({@link SpotSource#feedLive()}) a cycle asks nothing and writes nothing;
 * otherwise its {@code MSET} also sets {@code NEO_SPOT_SOURCE=rest}, and an index whose REST quote is not newer than
 * the feed's last tick is left alone.
 *
 * <p>Failures never reach the loop and never overwrite a good value: a value that is zero or negative (a
 * missing {@code ltp} reads as zero) is dropped and that index's keys keep what they held, while the other index
 * is still written. A cycle that writes nothing (broker or Redis error) makes the next wait twice as long as the
 * previous, up to {@link #MAX_BACKOFF} (or the off-hours interval when that is longer); any write resets it.
 * Logging is once per change of state: the first unsuccessful cycle after a good one logs a WARN with the reason,
 * the first good one after that an INFO; the cycles in between log at DEBUG.
 *
 * <p>The wait between cycles, counted from the end of one to the start of the next, is
 * {@link SpotSettings#interval()} in market hours and {@link SpotSettings#offHoursInterval()} outside them, but
 * never past the next market open, so the first poll of the day comes at 09:15 and not up to a minute later.
 *
 * <p>{@link #pollOnce()} runs one cycle on the caller's thread (tests drive time through the injected clock and
 * need no sleeping); {@link #start()} runs cycles on a virtual thread named {@value #THREAD_NAME} and
 * {@link #close()} stops it by interrupting it. The broker adapter and the Redis connection belong to the caller
 * and are not closed.
 */
public final class SpotPoller implements AutoCloseable {

    /** Longest wait after repeated failures (unless the off-hours interval is longer). */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public static final String THREAD_NAME = "spot-poller";

    /** Both indices, asked for in one call. */
    static final List<QuoteKey> QUOTE_KEYS =
            Arrays.stream(SpotIndex.values()).map(SpotIndex::quoteKey).toList();

    private static final Logger LOG = LoggerFactory.getLogger(SpotPoller.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final BrokerAdapter broker;
    private final RedisCommands<String, String> redis;
    private final SpotSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SpotSource source;

    private final AtomicLong successfulPolls = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();

    /** Serialises cycles; a lock, not {@code synchronized}, so a virtual thread is not pinned during I/O. */
    private final ReentrantLock cycleLock = new ReentrantLock();
    /** Why the last cycle was not fully successful; null while healthy. Guarded by {@link #cycleLock}. */
    private String failingReason;
    /** Cycles since the last one that wrote anything. Guarded by {@link #cycleLock}. */
    private int consecutiveFailures;

    private volatile Instant lastWrite;

    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean closed;

    public SpotPoller(
            BrokerAdapter broker,
            RedisCommands<String, String> redis,
            SpotSettings settings,
            Clock clock,
            Sleeper sleeper) {
        this(broker, redis, settings, clock, sleeper, SpotSource.restOnly(settings.maxAge()));
    }

    /**
     * @param source which writer is live: the poller stays quiet while the market-data feed is, and never writes a
     *               quote older than the feed's last tick
     */
    public SpotPoller(
            BrokerAdapter broker,
            RedisCommands<String, String> redis,
            SpotSettings settings,
            Clock clock,
            Sleeper sleeper,
            SpotSource source) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** With the system clock and real sleeps. */
    public SpotPoller(BrokerAdapter broker, RedisCommands<String, String> redis, SpotSettings settings) {
        this(broker, redis, settings, Clock.systemUTC(), Sleeper.REAL);
    }

    /**
     * One cycle: one quotes call, one {@code MSET} of the usable values. Never throws (short of a JVM
     * {@link Error}).
     *
     * @return how long to wait before the next cycle
     */
    public Duration pollOnce() {
        cycleLock.lock();
        try {
            Outcome outcome;
            try {
                outcome = fetchAndWrite();
            } catch (Exception e) {
                if (closed) {
                    // Interrupted by close(): not a broker problem, nothing to report.
                    return settings.intervalAt(clock.instant());
                }
                outcome = Outcome.failed(describe(e), e);
            }
            record(outcome);
            return nextDelay(outcome);
        } finally {
            cycleLock.unlock();
        }
    }

    /**
     * Starts polling on a virtual thread named {@value #THREAD_NAME}. With {@code NEO_SPOT=off} it only logs
     * that the poller is off.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("spot poller is closed");
            }
            if (thread != null) {
                throw new IllegalStateException("spot poller already started");
            }
            if (!settings.enabled()) {
                LOG.info(
                        "Spot poller is off ({}=off): {} and {} are left to another writer",
                        SpotSettings.SPOT.envVar(),
                        SpotKeys.NF_SPOT,
                        SpotKeys.BN_SPOT);
                return;
            }
            thread = Thread.ofVirtual().name(THREAD_NAME).start(this::run);
        }
    }

    /** Whether the polling thread is alive. */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return thread != null && thread.isAlive();
        }
    }

    /** Cycles that wrote both indices. */
    public long successfulPolls() {
        return successfulPolls.get();
    }

    /** Cycles that left at least one index unwritten (broker or Redis error, unusable value). */
    public long failedPolls() {
        return failedPolls.get();
    }

    /** Cycles in a row that wrote nothing; 0 after any write. Drives the backoff. */
    public int consecutiveFailures() {
        cycleLock.lock();
        try {
            return consecutiveFailures;
        } finally {
            cycleLock.unlock();
        }
    }

    /** When (by the injected clock) the last {@code MSET} happened. */
    public Optional<Instant> lastWrite() {
        return Optional.ofNullable(lastWrite);
    }

    /** Stops the polling thread (interrupting a wait or a call in progress) and waits briefly for it. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            if (!running.join(STOP_WAIT)) {
                LOG.warn("Spot poller thread did not stop within {} ms", STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the loop

    private void run() {
        LOG.info(
                "Spot poller started: every {} ms in market hours ({} weekdays, {}), every {} ms outside",
                settings.interval().toMillis(),
                settings.marketHours().text(),
                settings.marketHours().zone(),
                settings.offHoursInterval().toMillis());
        while (!closed) {
            Duration delay;
            try {
                delay = pollOnce();
            } catch (Throwable t) {
                // pollOnce catches every Exception; this is an Error. The poller must outlive it all the same.
                if (closed) {
                    break;
                }
                LOG.error("Spot poller cycle failed unexpectedly; continuing", t);
                delay = MAX_BACKOFF;
            }
            if (closed) {
                break;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                LOG.debug("Spot poller woken by an interrupt while not closing; continuing");
            }
        }
        LOG.info("Spot poller stopped");
    }

    // ---- one cycle

    private Outcome fetchAndWrite() {
        if (source.feedLive()) {
            return Outcome.FEED_LIVE;
        }
        List<Quote> quotes = broker.quotes(QUOTE_KEYS);
        Instant fetchedAt = clock.instant();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SpotIndex index : SpotIndex.values()) {
            Optional<Quote> quote = quotes.stream()
                    .filter(q -> q != null && index.quoteKey().equals(q.key()))
                    .findFirst();
            if (quote.isEmpty()) {
                problems.add(index + ": no quote for " + index.quoteKey() + " in the answer");
                continue;
            }
            BigDecimal price = quote.get().lastPrice();
            if (price.signum() <= 0) {
                problems.add(index + ": value " + Decimals.plain(price) + " dropped (not positive)");
                continue;
            }
            Instant at = quote.get().updatedAt().orElse(fetchedAt);
            if (!source.newerThanFeed(index, at)) {
                continue; // the feed already wrote a newer value: REST quotes can lag by minutes
            }
            values.put(index.valueKey(), Decimals.plain(price));
            values.put(index.timestampKey(), Long.toString(at.toEpochMilli()));
        }
        if (values.isEmpty()) {
            return problems.isEmpty() ? Outcome.FEED_LIVE : Outcome.failed(String.join("; ", problems), null);
        }
        if (source.feedLive()) {
            return Outcome.FEED_LIVE; // the feed came back while the quotes were fetched
        }
        values.put(SpotKeys.SOURCE, SpotKeys.SOURCE_REST);
        try {
            redis.mset(values);
        } catch (RuntimeException e) {
            return Outcome.failed("Redis MSET failed: " + e.getMessage(), e);
        }
        lastWrite = clock.instant();
        source.restWrite();
        LOG.debug("Spot written: {}", values);
        return problems.isEmpty() ? Outcome.OK : Outcome.partial(String.join("; ", problems));
    }

    private void record(Outcome outcome) {
        if (outcome == Outcome.FEED_LIVE) {
            consecutiveFailures = 0;
            return;
        }
        if (outcome.wroteSomething()) {
            consecutiveFailures = 0;
        } else {
            consecutiveFailures =
                    consecutiveFailures == Integer.MAX_VALUE ? consecutiveFailures : consecutiveFailures + 1;
        }
        if (outcome.reason() == null) {
            successfulPolls.incrementAndGet();
            if (failingReason != null) {
                LOG.info(
                        "Spot poller recovered: {} and {} are being written again", SpotKeys.NF_SPOT, SpotKeys.BN_SPOT);
                failingReason = null;
            }
            return;
        }
        failedPolls.incrementAndGet();
        if (failingReason == null) {
            LOG.warn("Spot poller failing, last good values kept: {}", outcome.reason());
        } else {
            LOG.debug("Spot poller still failing: {}", outcome.reason());
        }
        if (outcome.cause() != null) {
            LOG.debug("Spot poller failure detail", outcome.cause());
        }
        failingReason = outcome.reason();
    }

    private Duration nextDelay(Outcome outcome) {
        Instant now = clock.instant();
        Duration base = settings.intervalAt(now);
        Duration delay = outcome.wroteSomething() ? base : backoff(base, consecutiveFailures);
        if (!settings.marketHours().isOpen(now)) {
            Duration untilOpen = Duration.between(now, settings.marketHours().nextOpen(now));
            if (untilOpen.compareTo(delay) < 0) {
                delay = untilOpen;
            }
        }
        return delay;
    }

    /** {@code base × 2^failures}, at most {@link #MAX_BACKOFF} (or {@code base} if that is longer). */
    static Duration backoff(Duration base, int failures) {
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration delay = base;
        for (int i = 0; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** A reason for the log: where it failed and the broker's or Redis's own text (never a secret). */
    private static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? type : e.getMessage();
        return switch (e) {
            case BrokerException b -> "quotes call failed: " + message;
            case RedisException r -> "Redis: " + message;
            default -> message.equals(type) ? type : type + ": " + message;
        };
    }

    /**
     * What a cycle did. {@code reason} is null when both indices were written; {@code wroteSomething} tells a
     * partial write (no backoff) from a failure (backoff).
     */
    private record Outcome(boolean wroteSomething, String reason, Exception cause) {
        static final Outcome OK = new Outcome(true, null, null);
        /** Nothing to do: the market-data feed is writing the spots (no backoff, not a poll). */
        static final Outcome FEED_LIVE = new Outcome(true, null, null);

        static Outcome partial(String reason) {
            return new Outcome(true, reason, null);
        }

        static Outcome failed(String reason, Exception cause) {
            return new Outcome(false, reason, cause);
        }
    }
}
