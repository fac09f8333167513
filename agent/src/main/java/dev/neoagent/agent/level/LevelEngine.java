package dev.neoagent.agent.level;

import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.agent.spot.SpotValue;
import dev.neoagent.contract.LevelSide;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every user's armed levels against the index spot and hands a crossing to the user's
 * worker, which fires it through an atomic script (so a crossing seen by two agents fires once).
 *
 * <ul>
 *   <li>The baseline is the first fresh spot seen after the level was armed (read at once when the
 *       arming is noticed): arming is never a crossing, and nothing from an earlier arming, or from
 *       before an agent restart, is ever reused — baselines live only in this process.</li>
 *   <li>A spot older than the staleness bound (by its {@code *_TS} key; a spot written without one
 *       counts as seen now) fires nothing and does not become the baseline either.</li>
 *   <li>It reacts to every tick of the market-data feed at once ({@link #spotTick}), to every change
 *       of {@code NF_SPOT} / {@code BN_SPOT} announced by a keyspace notification, whoever wrote it,
 *       and also re-reads the spot every sweep in case a notification was lost.</li>
 * </ul>
 */
public final class LevelEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LevelEngine.class);

    /** Receives a crossing; the firing itself happens on the user's worker. */
    @FunctionalInterface
    public interface FireSink {
        void fire(ArmedLevel level, BigDecimal spot);
    }

    /** A watched level and the last fresh spot it saw, with that spot's quote time (null before the first). */
    private record Watch(ArmedLevel level, BigDecimal previous, Instant previousAt) {}

    private final RedisCommands<String, String> redis;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration sweep;
    private final ConcurrentHashMap<String, FireSink> sinks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
    private final Set<SpotIndex> changed = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopping;

    public LevelEngine(RedisCommands<String, String> redis, Clock clock, Duration maxAge, Duration sweep) {
        this.redis = redis;
        this.clock = clock;
        this.maxAge = maxAge;
        this.sweep = sweep;
        this.thread = Thread.ofVirtual().name("level-engine").start(this::run);
    }

    /** Where a user's crossings go: its worker, which fires them. */
    public void listen(String uid, FireSink sink) {
        sinks.put(uid, sink);
    }

    private static String key(String uid, LevelSide side) {
        return uid + '\u0000' + side.name();
    }

    /**
     * The level of a user's side as it stands now; empty when it is not armed (any more). A new
     * arming starts from the current fresh spot as its baseline.
     */
    public void update(String uid, LevelSide side, Optional<ArmedLevel> armed) {
        String key = key(uid, side);
        if (armed.isEmpty()) {
            watches.remove(key);
            return;
        }
        Watch existing = watches.get(key);
        if (existing != null && existing.level().sameArming(armed.get())) {
            return;
        }
        Optional<SpotValue> fresh = freshSpot(armed.get().index());
        BigDecimal baseline = fresh.map(SpotValue::value).orElse(null);
        watches.put(
                key, new Watch(armed.get(), baseline, fresh.map(SpotValue::at).orElse(null)));
        log.info(
                "[{}] level {} armed: {} {} {} (baseline {})",
                uid,
                side,
                armed.get().index(),
                side == LevelSide.CE ? "crossing up through" : "crossing down through",
                armed.get().level().toPlainString(),
                baseline == null ? "next fresh spot" : baseline.toPlainString());
    }

    /** Whether a level is being watched (for tests and status). */
    public boolean isWatching(String uid, LevelSide side) {
        return watches.containsKey(key(uid, side));
    }

    /**
     * The spot a watched level will compare the next one with (its baseline, then the last fresh spot
     * seen). Spot writes are sampled when their notification is handled, so two writes in quick
     * succession may be seen as one; callers that need a value observed can wait on this.
     */
    public Optional<BigDecimal> previousSpot(String uid, LevelSide side) {
        Watch watch = watches.get(key(uid, side));
        return watch == null ? Optional.empty() : Optional.ofNullable(watch.previous());
    }

    /** A spot key changed (keyspace notification): evaluate on the engine thread. */
    public void spotChanged(SpotIndex index) {
        changed.add(index);
        signal.release();
    }

    private void run() {
        while (!stopping) {
            try {
                boolean notified = signal.tryAcquire(sweep.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                List<SpotIndex> indices = new ArrayList<>();
                for (SpotIndex index : SpotIndex.values()) {
                    if (!notified || changed.remove(index)) {
                        indices.add(index);
                    }
                }
                for (SpotIndex index : indices) {
                    if (hasWatches(index)) {
                        evaluate(index);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("level engine could not read the spot: {}", e.toString());
            }
        }
    }

    private boolean hasWatches(SpotIndex index) {
        return watches.values().stream().anyMatch(w -> w.level().index() == index);
    }

    /**
     * A tick from the market-data feed: checked against the watched levels at once, on the caller's thread (the
     * feed's), without reading Redis. Only fresh ticks count, like spots read from Redis.
     */
    public void spotTick(SpotValue spot) {
        if (!spot.isFresh(clock.instant(), maxAge) || !hasWatches(spot.index())) {
            return;
        }
        evaluate(spot);
    }

    /** Checks every watched level of an index against the current spot in Redis; fires crossings. */
    void evaluate(SpotIndex index) {
        freshSpot(index).ifPresent(this::evaluate);
    }

    private void evaluate(SpotValue spot) {
        // No "unchanged since last time" shortcut: evaluating the same spot again cannot cross
        // (previous equals current), while skipping could miss a crossing whose lower leg this
        // engine never read. A spot quoted before the one a level last saw is ignored: the feed's
        // tick and the engine's own read of Redis can arrive in either order, and an old value
        // taken as new could make a crossing that never happened.
        BigDecimal value = spot.value();
        Instant at = spot.at();
        List<ArmedLevel> fired = new ArrayList<>();
        for (Map.Entry<String, Watch> entry : watches.entrySet()) {
            if (entry.getValue().level().index() != spot.index()) {
                continue;
            }
            watches.computeIfPresent(entry.getKey(), (key, watch) -> {
                if (watch.previousAt() != null && at.isBefore(watch.previousAt())) {
                    return watch;
                }
                if (watch.previous() != null
                        && watch.level()
                                .side()
                                .crossed(watch.previous(), watch.level().level(), value)) {
                    fired.add(watch.level());
                    return null;
                }
                return new Watch(watch.level(), value, at);
            });
        }
        for (ArmedLevel level : fired) {
            FireSink sink = sinks.get(level.uid());
            if (sink != null) {
                sink.fire(level, value); // first: the worker fires while this logs
            }
            log.info(
                    "[{}] level {} crossed: {} {} -> {}",
                    level.uid(),
                    level.side(),
                    level.index(),
                    level.level().toPlainString(),
                    value.toPlainString());
        }
    }

    /** The spot of an index if it parses and is fresh enough to act on. */
    Optional<SpotValue> freshSpot(SpotIndex index) {
        Instant now = clock.instant();
        return SpotValue.read(redis, index, now).filter(spot -> spot.isFresh(now, maxAge));
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}
