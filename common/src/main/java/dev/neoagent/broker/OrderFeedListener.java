package dev.neoagent.broker;

import dev.neoagent.domain.OrderUpdate;

/**
 * What an order-update feed tells the agent about one account's orders, ours and those placed elsewhere (the
 * broker's app or web). Called on the feed's own thread, in the order things arrived; must not block.
 */
public interface OrderFeedListener {
    /** An order changed state; a partial update names the order and its new status only. */
    void onOrder(OrderUpdate update);

    /** The feed is connected and authenticated ({@code true}), or it dropped ({@code false}). */
    default void onConnection(boolean connected) {}

    /** The feed received something it could not read and skipped it (a short fixed kind, for metrics). */
    default void onMalformed(String kind) {}
}
