package dev.neoagent.broker;

import dev.neoagent.domain.MarketIndex;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a market-data feed tells the agent. Called on the feed's own thread, in the order things arrived: an
 * implementation must not block (it hands work on, or does one quick write).
 */
public interface MarketFeedListener {
    /** A tick of one of the agent's indices: its value (in rupees) and the time the broker gives it. */
    void onIndex(MarketIndex index, BigDecimal value, Instant time);

    /** The feed is connected and subscribed ({@code true}), or it dropped or stalled ({@code false}). */
    default void onConnection(boolean connected) {}

    /** The feed reconnected after a drop or a stall (for metrics). */
    default void onReconnect() {}

    /**
     * The feed received something it could not read and skipped it ({@code kind}: a short fixed name such as
     * {@code truncated_packet}, {@code unknown_message_code}, {@code bad_length}, {@code not_json}), for metrics.
     */
    default void onMalformed(String kind) {}
}
