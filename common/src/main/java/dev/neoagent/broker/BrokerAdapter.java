package dev.neoagent.broker;

import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.Trade;
import java.util.List;
import java.util.Optional;

/**
 * A broker account, in domain terms only. Every method may throw a {@link BrokerException}; its
 * subtype tells the caller what to do next (log in again, give up, reconcile, ...).
 *
 * <p>Order mutations ({@link #placeOrder}, {@link #modifyOrder}, {@link #cancelOrder}) are sent at
 * most once. An implementation never repeats one, except once after a session-expired answer that
 * proves the broker did not act on it. Reads may be retried.
 */
public interface BrokerAdapter extends ScripMasterSource {

    /** Log in now (TOTP + MPIN for Kotak), replacing any session. */
    void login();

    /** Whether a session is held. It may still have expired at the broker; only a call tells. */
    boolean hasSession();

    /**
     * Forgets the session held, if any: another agent serves the account now, and an account has one session from
     * this system at most. The next call logs in again.
     */
    default void forgetSession() {}

    OrderAck placeOrder(OrderRequest request);

    OrderAck modifyOrder(OrderModification modification);

    OrderAck cancelOrder(BrokerOrderId orderId);

    List<Order> orderBook();

    /** Every state the order went through, newest first. */
    List<Order> orderHistory(BrokerOrderId orderId);

    List<Trade> tradeBook();

    List<Position> positions();

    List<Holding> holdings();

    Limits limits();

    /** Quotes in the order of {@code keys}. Needs no trading session. */
    List<Quote> quotes(List<QuoteKey> keys);

    /**
     * The broker's market-data feed of the agent's indices, if it has one; not started. The agent uses one per
     * process, on the spot user's account; while it is down the REST quotes take over.
     */
    default Optional<BrokerFeed> marketFeed(MarketFeedListener listener, MarketFeedOptions options) {
        return Optional.empty();
    }

    /**
     * The broker's order-update feed of this account, if it has one; not started. It needs a session (it logs in
     * when it has none). While it is down, the agent polls the order book.
     */
    default Optional<BrokerFeed> orderFeed(OrderFeedListener listener) {
        return Optional.empty();
    }

    /** This adapter's counters for metrics; zeros unless the adapter keeps some. */
    default BrokerStats stats() {
        return BrokerStats.NONE;
    }

    @Override
    void close();
}
