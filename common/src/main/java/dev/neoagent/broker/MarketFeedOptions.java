package dev.neoagent.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How the agent wants a market-data feed watched.
 *
 * @param stallTimeout  no index tick for this long while {@code expectTicks} says the market is open: the feed is
 *                      stalled and reconnects (a connection can stay up and go silent)
 * @param expectTicks   whether ticks are expected now (market hours); outside them silence is normal
 */
public record MarketFeedOptions(Duration stallTimeout, BooleanSupplier expectTicks) {
    public MarketFeedOptions {
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(expectTicks, "expectTicks");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive, was " + stallTimeout);
        }
    }
}
