package dev.neoagent.agent.broker;

import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.metrics.SessionState;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.BrokerStats;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.broker.OrderFeedListener;
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
import dev.neoagent.domain.ScripMasterFiles;
import dev.neoagent.domain.Trade;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A broker that records every call's latency and result in the metrics, and remembers how the last
 * login went for {@code /health}. Behaviour is exactly the wrapped broker's, but that an order is refused unsent while
 * the agent's lease is not known to be held.
 */
public final class MeteredBroker implements BrokerAdapter {
    private final String uid;
    private final BrokerAdapter broker;
    private final AgentMetrics metrics;
    private volatile SessionState lastLogin = SessionState.NONE;
    /** Why an order must not go now (the agent's lease is not known to be held), if it must not. */
    private final Supplier<Optional<String>> orderRefusal;

    public MeteredBroker(String uid, BrokerAdapter broker, AgentMetrics metrics) {
        this(uid, broker, metrics, Optional::empty);
    }

    /**
     * @param orderRefusal asked before every place, modify and cancel: a reason refuses it unsent (a
     *     {@link BrokerException.Transient}, which the order path answers as not sent)
     */
    public MeteredBroker(
            String uid, BrokerAdapter broker, AgentMetrics metrics, Supplier<Optional<String>> orderRefusal) {
        this.uid = uid;
        this.broker = broker;
        this.metrics = metrics;
        this.orderRefusal = orderRefusal;
    }

    private void mayOrder() {
        if (!broker.hasSession()) {
            // log in first, so that the lease check below is the last thing before the order goes: a login can take
            // long enough for the lease to lapse
            login();
        }
        Optional<String> refusal = orderRefusal.get();
        if (refusal.isPresent()) {
            throw new BrokerException.Transient(refusal.get(), null);
        }
    }

    /** ACTIVE while a session is held, FAILED after a refused login, NONE before any. */
    public SessionState session() {
        if (broker.hasSession()) {
            return SessionState.ACTIVE;
        }
        return lastLogin == SessionState.FAILED ? SessionState.FAILED : SessionState.NONE;
    }

    private <T> T timed(String call, Supplier<T> action) {
        long start = System.nanoTime();
        String result = "ok";
        try {
            return action.get();
        } catch (BrokerException e) {
            result = e.getClass().getSimpleName();
            if (e instanceof BrokerException.AuthFailed) {
                lastLogin = SessionState.FAILED;
            }
            throw e;
        } catch (RuntimeException e) {
            result = "error";
            throw e;
        } finally {
            metrics.brokerCall(call, Duration.ofNanos(System.nanoTime() - start), result);
        }
    }

    @Override
    public void login() {
        try {
            timed("login", () -> {
                broker.login();
                return null;
            });
            lastLogin = SessionState.ACTIVE;
            metrics.login(uid, true);
        } catch (RuntimeException e) {
            lastLogin = SessionState.FAILED;
            metrics.login(uid, false);
            throw e;
        }
    }

    @Override
    public boolean hasSession() {
        return broker.hasSession();
    }

    @Override
    public OrderAck placeOrder(OrderRequest request) {
        mayOrder();
        return timed("place_order", () -> broker.placeOrder(request));
    }

    @Override
    public OrderAck modifyOrder(OrderModification modification) {
        mayOrder();
        return timed("modify_order", () -> broker.modifyOrder(modification));
    }

    @Override
    public OrderAck cancelOrder(BrokerOrderId orderId) {
        mayOrder();
        return timed("cancel_order", () -> broker.cancelOrder(orderId));
    }

    @Override
    public List<Order> orderBook() {
        return timed("order_book", broker::orderBook);
    }

    @Override
    public List<Order> orderHistory(BrokerOrderId orderId) {
        return timed("order_history", () -> broker.orderHistory(orderId));
    }

    @Override
    public List<Trade> tradeBook() {
        return timed("trade_book", broker::tradeBook);
    }

    @Override
    public List<Position> positions() {
        return timed("positions", broker::positions);
    }

    @Override
    public List<Holding> holdings() {
        return timed("holdings", broker::holdings);
    }

    @Override
    public Limits limits() {
        return timed("limits", broker::limits);
    }

    @Override
    public List<Quote> quotes(List<QuoteKey> keys) {
        return timed("quotes", () -> broker.quotes(keys));
    }

    @Override
    public ScripMasterFiles scripMasterFiles() {
        return timed("scrip_master_files", broker::scripMasterFiles);
    }

    @Override
    public InputStream openScripMaster(URI file) {
        return timed("scrip_master_download", () -> broker.openScripMaster(file));
    }

    @Override
    public Optional<BrokerFeed> marketFeed(MarketFeedListener listener, MarketFeedOptions options) {
        return broker.marketFeed(listener, options);
    }

    @Override
    public Optional<BrokerFeed> orderFeed(OrderFeedListener listener) {
        return broker.orderFeed(listener);
    }

    @Override
    public BrokerStats stats() {
        return broker.stats();
    }

    @Override
    public void forgetSession() {
        broker.forgetSession();
    }

    @Override
    public void close() {
        broker.close();
    }
}
