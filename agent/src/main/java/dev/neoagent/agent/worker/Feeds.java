package dev.neoagent.agent.worker;

import dev.neoagent.agent.spot.SpotSource;
import dev.neoagent.agent.state.UserOrders;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the broker live: each user's order state ({@link UserOrders}: the order feed, the order book while
 * it is down) and the one market-data feed of the agent. Both need a session, so they start once their user has
 * one: {@link #startReady()} runs with the agent's housekeeping, about once a second, and the order path starts a
 * user's order state itself when it waits on an order before that.
 */
final class Feeds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Feeds.class);

    /** The market-data feed to open on the spot user's broker, and who hears it. */
    record MarketFeedStart(BrokerAdapter broker, MarketFeedListener listener, MarketFeedOptions options) {}

    private final List<? extends BrokerAdapter> brokers;
    private final List<UserOrders> orders;
    private final Optional<MarketFeedStart> market;
    private final SpotSource spotSource;
    private Optional<BrokerFeed> marketFeed = Optional.empty();
    private boolean marketTried;
    private boolean closed;

    Feeds(
            List<? extends BrokerAdapter> brokers,
            List<UserOrders> orders,
            Optional<MarketFeedStart> market,
            SpotSource spotSource) {
        this.brokers = List.copyOf(brokers);
        this.orders = List.copyOf(orders);
        this.market = market;
        this.spotSource = spotSource;
    }

    /** Starts whatever has a session now and has not started yet. Cheap when there is nothing to do. */
    synchronized void startReady() {
        if (closed) {
            return;
        }
        for (int i = 0; i < brokers.size(); i++) {
            if (!orders.get(i).isStarted() && brokers.get(i).hasSession()) {
                orders.get(i).start();
            }
        }
        if (market.isPresent() && !marketTried && market.get().broker().hasSession()) {
            marketTried = true;
            MarketFeedStart start = market.get();
            marketFeed = start.broker().marketFeed(start.listener(), start.options());
            marketFeed.ifPresentOrElse(
                    BrokerFeed::start,
                    () -> log.info("the broker has no market-data feed: the spots come from REST quotes"));
        }
    }

    /**
     * Another agent owns the user now: stop following the user's orders, drop the session (one session per account
     * from this system), and close the market-data feed if it runs on this user's session. A later
     * {@link #startReady()} starts them again once the user is owned and logged in again.
     */
    synchronized void stopUser(int index) {
        BrokerAdapter broker = brokers.get(index);
        orders.get(index).stop();
        if (market.isPresent() && market.get().broker() == broker) {
            marketFeed.ifPresent(BrokerFeed::close);
            marketFeed = Optional.empty();
            marketTried = false;
        }
        broker.forgetSession();
    }

    SpotSource spotSource() {
        return spotSource;
    }

    /** Whether the market-data feed is connected; empty when there is none (off, not started, or no such feed). */
    synchronized Optional<Boolean> marketFeedConnected() {
        return marketFeed.map(BrokerFeed::isConnected);
    }

    @Override
    public synchronized void close() {
        closed = true;
        marketFeed.ifPresent(BrokerFeed::close);
        orders.forEach(UserOrders::close);
    }
}
