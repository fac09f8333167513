package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_PE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.MarketIndex;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The paper broker's market and order feeds. Every test drives the market by hand (no scheduled ticks), so a feed
 * delivers on the test's own thread before the call that moved the market or changed an order returns: what the
 * listener heard can be asserted at once, and "nothing more" means nothing more.
 */
class PaperBrokerFeedsTest {
    private static final MarketFeedOptions OPTIONS = new MarketFeedOptions(Duration.ofSeconds(30), () -> true);
    /** Only for a call that would hang if a paper lock were held: on a busy machine it takes milliseconds. */
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(TestInstruments.MORNING);
    private final TestInstruments instruments = new TestInstruments();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PaperMarket market;
    private PaperBroker broker;
    private int tags;

    @BeforeEach
    void open() {
        market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(7), clock);
        broker = open(PaperSettings.defaults());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        broker.close();
    }

    private PaperBroker open(PaperSettings settings) {
        PaperBroker opened =
                new PaperBroker("u1", market, instruments, new PaperStore(home.resolve("u1")), settings, clock);
        toClose.add(opened);
        return opened;
    }

    // ---- what a listener hears ----

    record Connection(boolean connected) {}

    record Tick(MarketIndex index, BigDecimal value, Instant time) {}

    /** Hears everything, in order. */
    static class Recorder implements MarketFeedListener, OrderFeedListener {
        final List<Object> heard = new CopyOnWriteArrayList<>();

        @Override
        public void onIndex(MarketIndex index, BigDecimal value, Instant time) {
            heard.add(new Tick(index, value, time));
        }

        @Override
        public void onOrder(OrderUpdate update) {
            heard.add(update);
        }

        @Override
        public void onConnection(boolean connected) {
            heard.add(new Connection(connected));
        }

        @Override
        public void onMalformed(String kind) {
            heard.add("malformed " + kind);
        }

        /** The orders heard, in order. */
        List<Order> orders() {
            return heard.stream()
                    .filter(OrderUpdate.Full.class::isInstance)
                    .map(e -> ((OrderUpdate.Full) e).order())
                    .toList();
        }
    }

    private BrokerFeed started(BrokerFeed feed) {
        toClose.add(feed);
        feed.start();
        return feed;
    }

    private BrokerFeed orderFeed(OrderFeedListener listener) {
        return started(broker.orderFeed(listener).orElseThrow());
    }

    private BrokerFeed marketFeed(MarketFeedListener listener) {
        return started(broker.marketFeed(listener, OPTIONS).orElseThrow());
    }

    // ---- orders ----

    private OrderTag nextTag() {
        return new OrderTag("c" + (++tags) + "L0S0");
    }

    private BrokerOrderId place(PaperBroker on, InstrumentMeta contract, Side side, int quantity) {
        return on.placeOrder(OrderRequest.market(
                        contract.segment(), contract.tradingSymbol(), side, quantity, Product.NRML, nextTag()))
                .orderId();
    }

    private BrokerOrderId place(InstrumentMeta contract, Side side, int quantity) {
        return place(broker, contract, side, quantity);
    }

    private BrokerOrderId limit(PaperBroker on, InstrumentMeta contract, Side side, int quantity, String price) {
        return on.placeOrder(OrderRequest.limit(
                        contract.segment(),
                        contract.tradingSymbol(),
                        side,
                        quantity,
                        new BigDecimal(price),
                        Product.NRML,
                        nextTag()))
                .orderId();
    }

    private BrokerOrderId limit(InstrumentMeta contract, Side side, int quantity, String price) {
        return limit(broker, contract, side, quantity, price);
    }

    /** As the order book shows it now. */
    private Order order(BrokerOrderId id) {
        return broker.orderBook().stream()
                .filter(o -> o.orderId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void setNifty(String level) {
        market.setSpot(PaperMarket.NIFTY, new BigDecimal(level));
    }

    private String belowTheMarket(String by) {
        return market.lastPrice(NIFTY_CE).subtract(new BigDecimal(by)).toPlainString();
    }

    // ---- market feed ----

    @Test
    void marketFeedTellsBothIndicesAfterEveryMoveFromStartUntilClosed() {
        Recorder listener = new Recorder();
        BrokerFeed feed = broker.marketFeed(listener, OPTIONS).orElseThrow();
        toClose.add(feed);
        setNifty("25910");
        assertThat(feed.isConnected()).isFalse();
        assertThat(listener.heard).as("not started: nothing").isEmpty();

        feed.start();
        assertThat(feed.isConnected()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        setNifty("25987.65");
        Instant moved = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        market.tick();
        Instant ticked = clock.instant();

        assertThat(listener.heard)
                .containsExactly(
                        new Connection(true),
                        new Tick(MarketIndex.NIFTY_50, new BigDecimal("25987.65"), moved),
                        new Tick(MarketIndex.NIFTY_BANK, new BigDecimal("59000.00"), moved),
                        new Tick(MarketIndex.NIFTY_50, market.spot(PaperMarket.NIFTY), ticked),
                        new Tick(MarketIndex.NIFTY_BANK, market.spot(PaperMarket.BANKNIFTY), ticked));

        feed.close();
        assertThat(feed.isConnected()).isFalse();
        setNifty("26000");
        market.tick();
        feed.close();
        assertThat(listener.heard).hasSize(6).last().isEqualTo(new Connection(false));
    }

    @Test
    void aThrowingMarketListenerBreaksNeitherTheMarketNorTheBookNorOtherFeeds() {
        ListAppender<ILoggingEvent> logs = capturePaperFeedLog();
        AtomicInteger calls = new AtomicInteger();
        marketFeed(new MarketFeedListener() {
            @Override
            public void onIndex(MarketIndex index, BigDecimal value, Instant time) {
                calls.incrementAndGet();
                throw new IllegalStateException("Redis is down");
            }
        });
        Recorder healthy = new Recorder();
        marketFeed(healthy);
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, belowTheMarket("30"));

        setNifty("25700"); // fills the resting order
        setNifty("25750");

        assertThat(calls).as("each index of each move, despite the failures").hasValue(4);
        assertThat(healthy.heard).filteredOn(Tick.class::isInstance).hasSize(4);
        assertThat(order(resting).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(market.spot(PaperMarket.NIFTY)).isEqualByComparingTo("25750");
        assertThat(logs.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("[u1] paper market feed"));
    }

    // ---- order feed ----

    @Test
    void aMarketOrderIsToldOnceAsTheBookShowsItFilledWithItsTag() {
        Recorder listener = new Recorder();
        BrokerFeed feed = orderFeed(listener);
        assertThat(feed.isConnected()).isTrue();
        assertThat(listener.heard).containsExactly(new Connection(true));

        BrokerOrderId id = place(NIFTY_CE, Side.BUY, 130);

        assertThat(listener.orders()).singleElement().satisfies(order -> {
            assertThat(order).isEqualTo(order(id));
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETE);
            assertThat(order.tag()).contains(new OrderTag("c1L0S0"));
            assertThat(order.filledQuantity()).isEqualTo(130);
        });
        broker.orderBook();
        broker.positions();
        market.tick();
        assertThat(listener.orders())
                .as("reads and moves change nothing: nothing told")
                .hasSize(1);
    }

    @Test
    void aRestingLimitIsToldOpenThenCompleteWhenTheMarketMovesThroughIt() {
        Recorder listener = new Recorder();
        orderFeed(listener);
        String limit = belowTheMarket("30");
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 130, limit);
        Order open = order(id);

        setNifty("25880"); // not far enough: nothing changes
        assertThat(listener.orders()).containsExactly(open);

        setNifty("25700"); // the premium falls through the limit
        assertThat(listener.orders()).containsExactly(open, order(id));
        assertThat(open.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(open.statusText()).isEqualTo("open");
        assertThat(listener.orders().get(1).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(listener.orders().get(1).averagePrice()).isEqualByComparingTo(limit);
    }

    @Test
    void modifyAndCancelAreTold() {
        Recorder listener = new Recorder();
        orderFeed(listener);
        String low = belowTheMarket("50");
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 65, low);
        BigDecimal higher = new BigDecimal(low).add(BigDecimal.TEN);

        broker.modifyOrder(new OrderModification(
                order(id), 130, OrderType.LIMIT, Optional.of(higher), Optional.empty(), Validity.DAY));
        Order modified = order(id);
        broker.cancelOrder(id);
        Order cancelled = order(id);

        assertThat(listener.orders()).extracting(Order::statusText).containsExactly("open", "modified", "cancelled");
        assertThat(listener.orders()).endsWith(modified, cancelled);
        assertThat(modified.quantity()).isEqualTo(130);
        assertThat(modified.price()).isEqualByComparingTo(higher);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancelledQuantity()).isEqualTo(130);
    }

    @Test
    void aStopIsToldWaitingThenModifiedThenFilledWhenTheMarketReachesItsTrigger() {
        Recorder listener = new Recorder();
        orderFeed(listener);
        BigDecimal last = market.lastPrice(NIFTY_CE);
        BrokerOrderId id = broker.placeOrder(new OrderRequest(
                        NIFTY_CE.segment(),
                        NIFTY_CE.tradingSymbol(),
                        Side.SELL,
                        65,
                        OrderType.STOP_MARKET,
                        Optional.empty(),
                        Optional.of(new BigDecimal("0.05")),
                        Product.NRML,
                        Validity.DAY,
                        nextTag(),
                        false))
                .orderId();
        Order waiting = order(id);
        BigDecimal nearer = last.subtract(new BigDecimal("10"));

        broker.modifyOrder(new OrderModification(
                waiting, 65, OrderType.STOP_MARKET, Optional.empty(), Optional.of(nearer), Validity.DAY));
        Order moved = order(id);
        setNifty("25700"); // the premium falls through the new trigger
        Order filled = order(id);

        assertThat(listener.orders()).containsExactly(waiting, moved, filled);
        assertThat(waiting.status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(moved.status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(moved.triggerPrice()).isEqualByComparingTo(nearer);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(market.lastPrice(NIFTY_CE));
    }

    @Test
    void anRmsRejectionAtAFillIsToldButARefusalAtTheApiChangesNothingAndIsNot() {
        broker.close();
        broker = open(PaperSettings.defaults().withCapital(new BigDecimal("250000")));
        Recorder listener = new Recorder();
        orderFeed(listener);
        place(NIFTY_CE, Side.SELL, 65); // 2,02,020 of margin at 25,900
        BrokerOrderId cheap = limit(NIFTY_PE, Side.BUY, 65, "1.00"); // rests
        assertThat(listener.orders()).hasSize(2);

        assertThatThrownBy(() -> place(NIFTY_CE, Side.SELL, 650)).isInstanceOf(BrokerException.Rejected.class);
        assertThat(listener.orders())
                .as("refused at the API: not in the book, not told")
                .hasSize(2);

        setNifty("33000"); // the short's margin now exceeds the capital: RMS rejects the put's fill
        assertThat(listener.orders()).hasSize(3).last().satisfies(rejected -> {
            assertThat(rejected).isEqualTo(order(cheap));
            assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(rejected.rejectReason()).contains(PaperBroker.MARGIN_EXCEEDED);
        });
    }

    @Test
    void nothingIsToldAfterClose() {
        Recorder listener = new Recorder();
        BrokerFeed feed = orderFeed(listener);
        place(NIFTY_CE, Side.BUY, 65);

        feed.close();
        assertThat(feed.isConnected()).isFalse();
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, belowTheMarket("30"));
        setNifty("25700");
        place(NIFTY_CE, Side.BUY, 65);
        feed.close();
        feed.start();

        assertThat(order(resting).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(listener.heard).hasSize(3).last().isEqualTo(new Connection(false));
    }

    @Test
    void closingTheBrokerClosesItsFeeds() {
        Recorder orders = new Recorder();
        Recorder indices = new Recorder();
        BrokerFeed orderFeed = orderFeed(orders);
        BrokerFeed marketFeed = marketFeed(indices);

        broker.close();
        setNifty("25700");

        assertThat(orderFeed.isConnected()).isFalse();
        assertThat(marketFeed.isConnected()).isFalse();
        assertThat(orders.heard).containsExactly(new Connection(true), new Connection(false));
        assertThat(indices.heard).containsExactly(new Connection(true), new Connection(false));
        assertThatThrownBy(() -> broker.orderFeed(orders)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrowingOrderListenerBreaksNeitherPlacementNorOtherFeeds() {
        ListAppender<ILoggingEvent> logs = capturePaperFeedLog();
        AtomicInteger calls = new AtomicInteger();
        orderFeed(update -> {
            calls.incrementAndGet();
            throw new IllegalStateException("Redis is down");
        });
        Recorder healthy = new Recorder();
        orderFeed(healthy);

        BrokerOrderId filled = place(NIFTY_CE, Side.BUY, 65);
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, belowTheMarket("30"));
        setNifty("25700");

        assertThat(order(filled).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(resting).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(calls).as("told every change despite the failures").hasValue(3);
        assertThat(healthy.orders())
                .extracting(Order::orderId, Order::status)
                .containsExactly(
                        tuple(filled, OrderStatus.COMPLETE),
                        tuple(resting, OrderStatus.OPEN),
                        tuple(resting, OrderStatus.COMPLETE));
        assertThat(logs.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("[u1] paper order feed"));
    }

    /**
     * A listener that waits for another thread to use the broker, the account and the market would wait forever
     * if it were called holding one of their locks.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void listenersAreCalledWithNoPaperLockHeld() {
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger orderCalls = new AtomicInteger();
        AtomicInteger indexCalls = new AtomicInteger();
        Recorder heard = new Recorder();
        orderFeed(update -> {
            heard.onOrder(update);
            if (orderCalls.incrementAndGet() == 1) {
                useEverythingFromAnotherThread("order listener", failures);
            }
        });
        marketFeed((index, value, time) -> {
            if (indexCalls.incrementAndGet() == 1) {
                useEverythingFromAnotherThread("market listener", failures);
            }
        });

        BrokerOrderId first = place(NIFTY_CE, Side.BUY, 65);
        setNifty("25950");

        assertThat(failures).isEmpty();
        // the order placed from inside the first call was told after it returned; then the market listener's
        assertThat(heard.orders()).hasSize(3).first().extracting(Order::orderId).isEqualTo(first);
        assertThat(broker.orderBook())
                .extracting(Order::orderId)
                .containsExactlyElementsOf(
                        heard.orders().stream().map(Order::orderId).toList());
    }

    private void useEverythingFromAnotherThread(String who, List<String> failures) {
        try {
            CompletableFuture.runAsync(() -> {
                        market.spot(PaperMarket.NIFTY);
                        broker.orderBook();
                        place(NIFTY_CE, Side.BUY, 65); // the broker's, the account's and the market's locks
                    })
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.add(who + ": " + e);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void ordersPlacedFromManyThreadsAreToldOnceEachOneAtATimeInTheOrderTheyWerePlaced() throws Exception {
        int threads = 4;
        int each = 8;
        AtomicInteger inside = new AtomicInteger();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<Order> heard = new CopyOnWriteArrayList<>();
        orderFeed(update -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.add(update.orderId().value());
            }
            heard.add(((OrderUpdate.Full) update).order());
            Thread.yield();
            inside.decrementAndGet();
        });

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> placers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                placers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        place(NIFTY_CE, Side.BUY, 65);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> placer : placers) {
                placer.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Every placing call has returned: the last thread telling the listener left nothing untold.
        assertThat(overlaps).isEmpty();
        assertThat(heard).hasSize(threads * each).allMatch(o -> o.status() == OrderStatus.COMPLETE);
        assertThat(heard).containsExactlyElementsOf(broker.orderBook());
    }

    @Test
    void anotherProcessesChangesToTheAccountAreToldAtTheNextMove() {
        Recorder listener = new Recorder();
        orderFeed(listener);
        PaperBroker other = open(PaperSettings.defaults()); // another process's broker on the same account

        BrokerOrderId resting = limit(other, NIFTY_CE, Side.BUY, 65, belowTheMarket("30"));
        assertThat(listener.orders()).isEmpty();
        setNifty("25880");
        assertThat(listener.orders()).containsExactly(order(resting));

        other.cancelOrder(resting);
        market.tick();
        market.tick();
        assertThat(listener.orders()).hasSize(2).last().isEqualTo(order(resting));
        assertThat(order(resting).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    private ListAppender<ILoggingEvent> capturePaperFeedLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(PaperFeed.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        toClose.add(() -> logger.detachAppender(logs));
        return logs;
    }
}
