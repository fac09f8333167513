package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import dev.neoagent.testing.FakeOrderFeed;
import dev.neoagent.testing.FakeOrderFeed.AcceptedForms;
import dev.neoagent.testing.FakeOrderFeed.Form;
import dev.neoagent.testing.FakeOrderFeed.Handshake;
import dev.neoagent.testing.FakeOrderFeed.Outcome;
import dev.neoagent.testing.LogCapture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order-update feed against the fake Kotak server's websocket, over real sockets. */
class KotakOrderFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TradingSymbol NIFTY_PE = new TradingSymbol("NIFTY2692221000PE");

    /**
     * Short timing so that fallbacks and reconnects happen within a test; the ack timeout is long enough that a
     * busy machine never mistakes a slow answer for none (tests of the fallback shorten it).
     */
    private static final OrderFeedSettings FAST = OrderFeedSettings.defaults()
            .withAckTimeout(Duration.ofSeconds(2))
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(400));

    private FakeKotakServer server;
    private FakeUser user;
    private KotakNeoAdapter broker;
    private final Recorder listener = new Recorder();
    private KotakOrderFeed feed;

    /** Everything the feed told its listener, in order. */
    private static final class Recorder implements OrderFeedListener {
        final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
        final List<Boolean> connections = new CopyOnWriteArrayList<>();
        final List<String> malformed = new CopyOnWriteArrayList<>();

        @Override
        public void onOrder(OrderUpdate update) {
            updates.add(update);
        }

        @Override
        public void onConnection(boolean connected) {
            connections.add(connected);
        }

        @Override
        public void onMalformed(String kind) {
            malformed.add(kind);
        }

        List<Order> fullOrders(BrokerOrderId id) {
            List<Order> orders = new ArrayList<>();
            for (OrderUpdate update : updates) {
                if (update instanceof OrderUpdate.Full full && full.orderId().equals(id)) {
                    orders.add(full.order());
                }
            }
            return orders;
        }
    }

    @BeforeEach
    void start() {
        server = FakeKotakServer.start();
        user = server.addUser("AB123");
        broker = FakeBroker.adapter(server, user);
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        broker.close();
        server.close();
    }

    private FakeOrderFeed fakeFeed() {
        return server.orderFeed("AB123");
    }

    private KotakOrderFeed started(OrderFeedSettings settings) {
        feed = broker.orderFeed(listener, settings);
        feed.start();
        return feed;
    }

    private void connected(OrderFeedSettings settings) {
        started(settings);
        await().atMost(WAIT).until(feed::isConnected);
    }

    private static OrderRequest marketBuy(String tag, int qty) {
        return OrderRequest.market(Segment.NSE_FO, NIFTY_PE, Side.BUY, qty, Product.NRML, new OrderTag(tag));
    }

    /**
     * One process serves every user's order feed: OkHttp's reader of each open websocket is a virtual thread, so an
     * open feed holds one platform thread (its event thread), not two (5,000 logged-in users were 10,000 threads).
     */
    @Test
    void anOpenOrderFeedHoldsOnePlatformThreadNotTwo() {
        int feeds = 30;
        okhttp3.OkHttpClient shared = KotakNeoAdapter.newHttpClient();
        List<KotakNeoAdapter> brokers = new ArrayList<>();
        List<KotakOrderFeed> open = new ArrayList<>();
        try {
            for (int i = 0; i < feeds; i++) {
                KotakNeoAdapter account =
                        FakeBroker.adapter(server.addUser("FT" + i), FakeBroker.settings(server), shared);
                brokers.add(account);
                KotakOrderFeed next = account.orderFeed(new Recorder(), FAST);
                open.add(next);
                next.start();
            }
            await().atMost(WAIT).until(() -> open.stream().allMatch(KotakOrderFeed::isConnected));

            // by name: each feed's event thread, and OkHttp's readers, which are named after the URL they read
            List<String> platform = Thread.getAllStackTraces().keySet().stream() // live platform threads only
                    .map(Thread::getName)
                    .toList();
            assertThat(platform.stream().filter(name -> name.startsWith("OkHttp http")))
                    .as("OkHttp's websocket readers on platform threads")
                    .isEmpty();
            assertThat(platform.stream().filter(name -> name.startsWith("kotak-order-feed")))
                    .as("the feeds' event threads")
                    .hasSize(feeds);
        } finally {
            open.forEach(KotakOrderFeed::close);
            brokers.forEach(KotakNeoAdapter::close);
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    @Test
    void theAdapterOffersTheFeedAndItLogsInAndConnectsWithTheJsonHandshake() {
        assertThat(broker.hasSession()).isFalse();
        feed = (KotakOrderFeed) broker.orderFeed(listener).orElseThrow();
        assertThat(feed.isConnected()).isFalse();
        feed.start();

        await().atMost(WAIT).until(feed::isConnected);
        assertThat(broker.hasSession()).as("the feed logged in").isTrue();
        assertThat(server.loginCount("AB123")).isEqualTo(1);
        assertThat(fakeFeed().handshakes()).containsExactly(new Handshake(Form.JSON, Outcome.ACCEPTED));
        assertThat(fakeFeed().connections()).isEqualTo(1);
        assertThat(listener.connections).containsExactly(true);
        List<RecordedCall> upgrades = server.requestsTo("/realtime");
        assertThat(upgrades).hasSize(1);
        assertThat(upgrades.getFirst().path())
                .as("the feed is on the host root, without the baseUrl's /gw/e43 prefix")
                .isEqualTo("/realtime");
    }

    @Test
    void anUnansweredJsonHandshakeFallsBackToTheRawFormWhichIsRememberedForReconnects() {
        fakeFeed().setAcceptedForms(AcceptedForms.RAW);
        try (LogCapture logs = new LogCapture(KotakOrderFeed.class)) {
            // long enough that the raw form's answer always comes in time, even on a busy machine
            connected(FAST.withAckTimeout(Duration.ofSeconds(1)));

            assertThat(fakeFeed().handshakes())
                    .containsExactly(
                            new Handshake(Form.JSON, Outcome.IGNORED), new Handshake(Form.RAW, Outcome.ACCEPTED));
            assertThat(logs.messages(Level.INFO))
                    .anySatisfy(line -> assertThat(line).contains("takes the cn handshake in the RAW form"));

            fakeFeed().drop();

            await().atMost(WAIT).until(() -> listener.connections.size() == 3);
            assertThat(listener.connections).containsExactly(true, false, true);
            assertThat(fakeFeed().handshakes())
                    .as("the reconnect went straight to the form that worked")
                    .containsExactly(
                            new Handshake(Form.JSON, Outcome.IGNORED),
                            new Handshake(Form.RAW, Outcome.ACCEPTED),
                            new Handshake(Form.RAW, Outcome.ACCEPTED));
        }
    }

    @Test
    void aPlacedOrdersStatesArriveWithTagQuantityFilledAndAveragePrice() {
        connected(FAST);

        BrokerOrderId id = broker.placeOrder(marketBuy("cmd1-0", 130)).orderId();

        await().atMost(WAIT)
                .until(() -> listener.fullOrders(id).stream().anyMatch(o -> o.status() == OrderStatus.COMPLETE));
        List<Order> states = listener.fullOrders(id);
        assertThat(states)
                .extracting(Order::statusText)
                .containsExactly("put order req received", "validation pending", "open pending", "open", "complete");
        assertThat(states.getFirst().status()).isEqualTo(OrderStatus.PENDING);
        Order complete = states.getLast();
        assertThat(complete.tag()).contains(new OrderTag("cmd1-0"));
        assertThat(complete.quantity()).isEqualTo(130);
        assertThat(complete.filledQuantity()).isEqualTo(130);
        assertThat(complete.pendingQuantity()).isZero();
        assertThat(complete.averagePrice()).isEqualByComparingTo("120.50");
        assertThat(complete.symbol()).isEqualTo(NIFTY_PE);
        assertThat(complete).isEqualTo(broker.orderBook().getFirst());
    }

    @Test
    void anOrderAcknowledgedThenRejectedByRmsArrivesAsRejectedWithTheReason() {
        connected(FAST);
        server.rejectNextOrderAfterAck("RMS:Margin Exceeds", Duration.ofMillis(100));

        BrokerOrderId id = broker.placeOrder(marketBuy("cmd2-0", 65)).orderId();

        await().atMost(WAIT)
                .until(() -> listener.fullOrders(id).stream().anyMatch(o -> o.status() == OrderStatus.REJECTED));
        Order rejected = listener.fullOrders(id).getLast();
        assertThat(rejected.statusText()).isEqualTo("rejected");
        assertThat(rejected.rejectReason()).contains("RMS:Margin Exceeds");
        assertThat(rejected.tag()).contains(new OrderTag("cmd2-0"));
        assertThat(listener.fullOrders(id))
                .extracting(Order::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.PENDING, OrderStatus.REJECTED);
    }

    @Test
    void aPartialFrameArrivesAsPartial() {
        connected(FAST);

        fakeFeed().sendPartial("260101000000042", "cancelled");

        await().atMost(WAIT).until(() -> !listener.updates.isEmpty());
        assertThat(listener.updates)
                .containsExactly(new OrderUpdate.Partial(
                        new BrokerOrderId("260101000000042"), OrderStatus.CANCELLED, "cancelled"));
    }

    @Test
    void anOrderPlacedOutsideTheAgentArrivesWithoutATag() {
        connected(FAST);

        FakeOrder external =
                server.addExternalOrder("AB123", "nse_cm", "RELIANCE-EQ", "S", 5, "L", new BigDecimal("3000.00"));

        BrokerOrderId id = new BrokerOrderId(external.orderNo());
        await().atMost(WAIT)
                .until(() -> listener.fullOrders(id).stream().anyMatch(o -> o.status() == OrderStatus.OPEN));
        Order open = listener.fullOrders(id).getLast();
        assertThat(open.tag()).isEmpty();
        assertThat(open.side()).isEqualTo(Side.SELL);
        assertThat(open.quantity()).isEqualTo(5);
        assertThat(open.price()).isEqualByComparingTo("3000.00");
    }

    @Test
    void aDropIsFollowedByAReconnectAndANewHandshakeWithoutLoggingInAgain() {
        connected(FAST);

        fakeFeed().drop();

        await().atMost(WAIT).until(() -> listener.connections.size() == 3);
        assertThat(listener.connections).containsExactly(true, false, true);
        assertThat(feed.isConnected()).isTrue();
        assertThat(fakeFeed().handshakes())
                .containsExactly(
                        new Handshake(Form.JSON, Outcome.ACCEPTED), new Handshake(Form.JSON, Outcome.ACCEPTED));
        assertThat(server.loginCount("AB123")).isEqualTo(1);

        BrokerOrderId id = broker.placeOrder(marketBuy("cmd3-0", 65)).orderId();
        await().atMost(WAIT).until(() -> !listener.fullOrders(id).isEmpty());
    }

    @Test
    void aRefusedSessionLeadsToOneReLoginAndAReconnect() {
        connected(FAST);
        server.expireSessions(SessionExpiry.STCODE_1003);

        fakeFeed().drop();

        await().atMost(WAIT).until(() -> listener.connections.size() == 3);
        assertThat(fakeFeed().handshakes())
                .extracting(Handshake::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.REFUSED, Outcome.ACCEPTED);
        assertThat(broker.reloginCount()).isEqualTo(1);
        assertThat(server.loginCount("AB123")).isEqualTo(2);
        assertThat(broker.orderBook())
                .as("the adapter uses the new session too")
                .isEmpty();
    }

    @Test
    void aFeedThatKeepsRefusingCostsOnlyOneReLoginAndBacksOff() {
        fakeFeed().refuseHandshakes(true);
        started(FAST);

        await().atMost(WAIT).until(() -> fakeFeed().handshakes().size() >= 4);
        assertThat(fakeFeed().handshakes()).extracting(Handshake::outcome).containsOnly(Outcome.REFUSED);
        assertThat(server.loginCount("AB123"))
                .as("the first login and one re-login")
                .isEqualTo(2);
        assertThat(listener.connections).isEmpty();

        fakeFeed().refuseHandshakes(false);
        await().atMost(WAIT).until(feed::isConnected);
        assertThat(server.loginCount("AB123")).isEqualTo(2);
    }

    @Test
    void aRefusedLoginIsNotRepeatedByTheFeed() {
        FakeUser wrongMpin =
                new FakeUser(user.ucc(), user.consumerKey(), user.mobileNumber(), "000000", user.totpSecretBase32());
        try (KotakNeoAdapter refused = FakeBroker.adapter(server, wrongMpin)) {
            feed = refused.orderFeed(listener, FAST);
            feed.start();

            await().atMost(WAIT)
                    .until(() -> server.requestsTo("/tradeApiValidate").size() == 1);
            // several reconnect delays (at most 400 ms each) pass without a second attempt
            await().during(Duration.ofMillis(1200))
                    .atMost(WAIT)
                    .until(() -> server.requestsTo("/tradeApiValidate").size() == 1);
            assertThat(feed.isConnected()).isFalse();
            assertThat(server.requestsTo("/realtime")).isEmpty();
        }
    }

    @Test
    void anUpgradeTheGatewayRefusesIsRetriedWithBackoff() {
        server.failNext("/realtime", Fault.http(503, "<html>Service Unavailable</html>"));
        server.failNext("/realtime", Fault.http(502, "<html>Bad Gateway</html>"));

        connected(FAST);

        assertThat(server.requestsTo("/realtime")).hasSize(3);
        assertThat(fakeFeed().handshakes()).hasSize(1);
        assertThat(listener.connections).containsExactly(true);
    }

    @Test
    void malformedInputIsReportedAndSkippedAndTheConnectionKept() {
        try (LogCapture logs = new LogCapture(KotakOrderFeed.class)) {
            connected(FAST);
            FakeOrderFeed fake = fakeFeed();

            fake.sendRaw("not json at all");
            fake.sendRaw("also not json");
            fake.sendRaw("{\"data\":{\"nOrdNo\":\"1\"}}");
            fake.sendRaw("{\"type\":\"order\",\"data\":{\"nOrdNo\":\"1\",\"trdSym\":\"X\",\"exSeg\":\"nse_xx\"}}");
            fake.sendRaw("{\"type\":\"order\",\"data\":{\"ordSt\":\"open\"}}");
            fake.sendRaw("{\"type\":\"position\",\"data\":{\"sym\":\"NIFTY\"}}");
            BrokerOrderId id = broker.placeOrder(marketBuy("cmd4-0", 65)).orderId();

            await().atMost(WAIT)
                    .until(() -> listener.fullOrders(id).stream().anyMatch(o -> o.status() == OrderStatus.COMPLETE));
            assertThat(listener.malformed)
                    .containsExactly("not_json", "not_json", "no_type", "unreadable_order", "unreadable_order");
            assertThat(listener.connections).containsExactly(true);
            assertThat(fake.handshakes()).hasSize(1);
            assertThat(logs.messages(Level.WARN))
                    .as("once per kind per minute")
                    .hasSize(3)
                    .anySatisfy(line -> assertThat(line).contains("not_json"))
                    .anySatisfy(line -> assertThat(line).contains("no_type"))
                    .anySatisfy(line -> assertThat(line).contains("unreadable_order"));
        }
    }

    @Test
    void closeStopsReconnectingAndTheListenerHearsNothingMore() {
        connected(FAST);

        fakeFeed().drop();
        feed.close();

        assertThat(feed.isConnected()).isFalse();
        int handshakes = fakeFeed().handshakes().size();
        List<Boolean> heard = List.copyOf(listener.connections);
        // longer than the longest reconnect delay (400 ms): a feed still running would have reconnected by then
        await().during(Duration.ofMillis(1200))
                .atMost(WAIT)
                .until(() -> fakeFeed().handshakes().size() == handshakes);
        assertThat(listener.connections).isEqualTo(heard);
        assertThat(fakeFeed().connections()).isZero();
        feed.start();
        assertThat(feed.isConnected()).isFalse();
    }

    @Test
    void closingTheAdapterClosesItsFeeds() {
        connected(FAST);

        broker.close();

        assertThat(feed.isConnected()).isFalse();
        await().atMost(WAIT).until(() -> fakeFeed().connections() == 0);
    }

    @Test
    void heartbeatsGoOutInTheHandshakesForm() {
        connected(FAST.withHeartbeats(Duration.ofSeconds(20), Duration.ofMillis(100)));

        await().atMost(WAIT).until(() -> fakeFeed().heartbeats() >= 2);
        assertThat(listener.connections).containsExactly(true);
    }

    @Test
    void theFeedConnectsToTheRtUrlWhenValidateGivesOne() {
        server.advertiseRtUrl(true);

        connected(FAST);

        assertThat(server.requestsTo("/realtime"))
                .extracting(RecordedCall::path)
                .containsExactly("/rt/e43/realtime");
    }

    @Test
    void noTokenOrSidReachesTheLog() {
        fakeFeed().setAcceptedForms(AcceptedForms.RAW);
        Set<String> secrets = new HashSet<>();
        try (LogCapture feedLogs = new LogCapture(KotakOrderFeed.class);
                LogCapture adapterLogs = new LogCapture(KotakNeoAdapter.class)) {
            connected(FAST.withAckTimeout(Duration.ofMillis(300)));
            broker.orderBook();
            fakeFeed().sendRaw("{\"type\":\"order\",\"data\":{\"nOrdNo\":\"1\",\"trdSym\":\"X\"}}");
            server.expireSessions(SessionExpiry.STCODE_1003);
            fakeFeed().drop();
            await().atMost(WAIT).until(() -> listener.connections.size() == 3);
            broker.orderBook();
            feed.close();

            for (RecordedCall call : server.requests()) {
                for (String header : List.of("Auth", "Sid", "sid")) {
                    if (call.header(header) != null) {
                        secrets.add(call.header(header));
                    }
                }
            }
            List<String> lines = new ArrayList<>(feedLogs.all());
            lines.addAll(adapterLogs.all());
            assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
            assertThat(lines).isNotEmpty();
            for (String secret : secrets) {
                assertThat(lines).noneMatch(line -> line.contains(secret));
            }
        }
    }
}
