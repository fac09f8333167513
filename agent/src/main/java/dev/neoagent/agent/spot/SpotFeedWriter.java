package dev.neoagent.agent.spot;

import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.contract.SpotKeys;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.MarketIndex;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the market-data feed's index ticks to Redis (redis-contract.md §1): value, timestamp and
 * {@code NEO_SPOT_SOURCE=feed} in one {@code MSET}, sent without waiting for the reply, and hands each tick to the
 * level engine at once, so a crossing reaches the broker without waiting on Redis or a notification.
 *
 * <p>Runs on the feed's thread: nothing here blocks.
 */
public final class SpotFeedWriter implements MarketFeedListener {
    private static final Logger log = LoggerFactory.getLogger(SpotFeedWriter.class);
    static final String FEED = "market";

    private final RedisAsyncCommands<String, String> redis;
    private final SpotSource source;
    private final Consumer<SpotValue> ticks;
    private final AgentMetrics metrics;
    private volatile boolean connected;
    private volatile boolean writeFailing;

    /**
     * @param ticks where each fresh index value goes at once (the level engine)
     */
    public SpotFeedWriter(
            RedisAsyncCommands<String, String> redis,
            SpotSource source,
            Consumer<SpotValue> ticks,
            AgentMetrics metrics) {
        this.redis = redis;
        this.source = source;
        this.ticks = ticks;
        this.metrics = metrics;
    }

    @Override
    public void onIndex(MarketIndex marketIndex, BigDecimal value, Instant time) {
        metrics.feedTick(FEED);
        if (value.signum() <= 0) {
            return; // an index at zero is a missing value, never a price
        }
        SpotIndex index = SpotIndex.of(marketIndex);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(index.valueKey(), Decimals.plain(value));
        keys.put(index.timestampKey(), Long.toString(time.toEpochMilli()));
        keys.put(SpotKeys.SOURCE, SpotKeys.SOURCE_FEED);
        source.feedTick(index, time);
        redis.mset(keys).whenComplete((ok, e) -> {
            if (e != null && !writeFailing) {
                writeFailing = true;
                log.warn("spot from the feed not written to Redis: {}", e.toString());
            } else if (e == null && writeFailing) {
                writeFailing = false;
                log.info("spot from the feed written to Redis again");
            }
        });
        ticks.accept(new SpotValue(index, value, time));
    }

    @Override
    public void onConnection(boolean up) {
        source.feedConnected(up);
        if (up != connected) {
            connected = up;
            metrics.feedConnection(FEED, up);
        }
    }

    @Override
    public void onReconnect() {
        metrics.feedReconnect(FEED);
    }

    @Override
    public void onMalformed(String kind) {
        metrics.feedMalformed(FEED, kind);
    }
}
