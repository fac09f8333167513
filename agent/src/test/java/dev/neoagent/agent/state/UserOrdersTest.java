package dev.neoagent.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.config.UserConfig;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.domain.Validity;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One user's live order state against a real Redis and the fake Kotak server over HTTP: what reaches
 * {@code NEO_ORDERS:<uid>} and {@code NEO_ORDER_EVENTS:<uid>} from the feed (its listener called as the feed would)
 * and from the order book while there is no feed.
 */
class UserOrdersTest {
    private static final String UID = "AB123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUR_TAG = "CMK2ZQ0A1B2CL0S0";

    @TempDir
    Path home;

    private RedisTestServer redisServer;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private FakeKotakServer kotak;
    private final OkHttpClient http = KotakNeoAdapter.newHttpClient();
    private KotakNeoAdapter broker;
    private final AgentMetrics metrics = new AgentMetrics();
    private UserOrders orders;

    @BeforeEach
    void start() {
        redisServer = RedisTestServer.start();
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
        redis = connection.sync();
        kotak = FakeKotakServer.start();
        FakeUser user = kotak.addUser("UAB123");
        UserConfig config = AgentHarness.userConfig(UID, user, home.resolve(UID + ".json"), RiskLimits.DEFAULT);
        broker = KotakNeoAdapter.create(
                KotakCredentials.of(config),
                KotakSettings.defaults(URI.create(kotak.loginUrl())),
                http,
                Clock.systemUTC());
        broker.login();
    }

    @AfterEach
    void stop() {
        if (orders != null) {
            orders.close();
        }
        broker.close();
        connection.close();
        client.shutdown();
        kotak.close();
        redisServer.close();
        http.dispatcher().executorService().shutdown();
    }

    private UserOrders orders(boolean feed) {
        orders = new UserOrders(
                UID,
                broker,
                new OrderStateWriter(connection.async()),
                metrics,
                new OrderSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(250), feed),
                Clock.systemUTC());
        return orders;
    }

    @Test
    void withoutAFeedAnAwaitedOrderIsReadFromTheOrderBookAndWritten() throws Exception {
        UserOrders orders = orders(false);
        orders.start();
        String orderNo = place(OUR_TAG, OrderType.MARKET, Optional.empty());

        Optional<OrderStates.Entry> state = orders.awaitFinished(orderNo, Duration.ofSeconds(5));

        assertThat(state).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo(OrderStates.COMPLETE);
            assertThat(entry.filled()).isEqualTo(65);
            assertThat(entry.external()).isFalse();
            assertThat(entry.request()).contains("CMK2ZQ0A1B2C");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hget(OrderStates.orders(UID), orderNo) != null);
        JsonNode json = JSON.readTree(redis.hget(OrderStates.orders(UID), orderNo));
        assertThat(json.get("order_no").asText()).isEqualTo(orderNo);
        assertThat(json.get("tag").asText()).isEqualTo(OUR_TAG);
        assertThat(json.get("request").asText()).isEqualTo("CMK2ZQ0A1B2C");
        assertThat(json.get("tsym").asText()).isEqualTo("NIFTY26JAN26000CE");
        assertThat(json.get("side").asText()).isEqualTo("BUY");
        assertThat(json.get("qty").asInt()).isEqualTo(65);
        assertThat(json.get("filled").asInt()).isEqualTo(65);
        assertThat(json.get("avg_price").asText()).isEqualTo("95.00");
        assertThat(json.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(json.get("broker_status").asText()).isEqualTo("complete");
        assertThat(json.get("external").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !redis.xrange(OrderStates.events(UID), io.lettuce.core.Range.create("-", "+"))
                        .isEmpty());
    }

    @Test
    void anOrderPlacedElsewhereShowsAsExternal() {
        String mine = place(OUR_TAG, OrderType.LIMIT, Optional.of(new BigDecimal("50"))); // stays open
        String theirs = place("KOTAKAPP", OrderType.LIMIT, Optional.of(new BigDecimal("50")));
        UserOrders orders = orders(false);

        orders.start(); // catches up with the day's orders: one order-book read
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hlen(OrderStates.orders(UID)) == 2);

        assertThat(field(mine, "external")).isEqualTo("false");
        assertThat(field(theirs, "external")).isEqualTo("true");
        assertThat(field(theirs, "status")).isEqualTo("OPEN");
        assertThat(jsonOf(theirs).get("request").isNull()).isTrue();
        assertThat(jsonOf(theirs).get("tag").isNull())
                .as("only a tag an agent sent is shown")
                .isTrue();

        // open orders are followed from the order book while there is no feed, without anyone waiting
        kotak.setLtp("58801", new BigDecimal("49.00"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "COMPLETE".equals(field(theirs, "status")));
    }

    @Test
    void aFeedMessageIsWrittenOnceAndAnUnchangedRepeatIsNot() {
        UserOrders orders = orders(true);
        orders.onConnection(true);
        String orderNo = place(OUR_TAG, OrderType.LIMIT, Optional.of(new BigDecimal("50")));
        Order open = broker.orderBook().stream()
                .filter(o -> o.orderId().value().equals(orderNo))
                .findFirst()
                .orElseThrow();

        orders.onOrder(new OrderUpdate.Full(open));
        orders.onOrder(new OrderUpdate.Full(open));

        assertThat(field(orderNo, "status")).isEqualTo("OPEN");
        await().atMost(Duration.ofSeconds(5)).until(() -> events(orderNo).size() == 1);
        assertThat(events(orderNo)).singleElement().satisfies(event -> {
            assertThat(event.getBody()).containsEntry("status", "OPEN").containsEntry("filled", "0");
        });
        assertThat(metrics.scrape()).contains("neo_order_events_total{status=\"OPEN\"} 1.0");
    }

    @Test
    void aPartialFeedMessageIsCompletedWithOneHistoryRead() {
        UserOrders orders = orders(false); // the test plays the feed: no real one connects and races it
        orders.start();
        orders.onConnection(true);
        String orderNo = place(OUR_TAG, OrderType.MARKET, Optional.empty());
        kotak.clearRequests();

        orders.onOrder(new OrderUpdate.Partial(
                new BrokerOrderId(orderNo), dev.neoagent.domain.OrderStatus.COMPLETE, "complete"));

        await().atMost(Duration.ofSeconds(5)).until(() -> "COMPLETE".equals(field(orderNo, "status")));
        assertThat(field(orderNo, "filled")).isEqualTo("65");
        assertThat(field(orderNo, "tsym")).isEqualTo("NIFTY26JAN26000CE");
        assertThat(kotak.requestsTo("/quick/order/history")).hasSize(1);
    }

    @Test
    void whileTheFeedIsDownOpenOrdersArePolledAndAReconnectCatchesUp() {
        UserOrders orders = orders(false); // the test plays the feed: no real one connects and races it
        orders.start();
        orders.onConnection(true);
        String orderNo = place(OUR_TAG, OrderType.LIMIT, Optional.of(new BigDecimal("50")));
        Order open = broker.orderBook().stream()
                .filter(o -> o.orderId().value().equals(orderNo))
                .findFirst()
                .orElseThrow();
        orders.onOrder(new OrderUpdate.Full(open));
        kotak.clearRequests();

        orders.onConnection(false);
        kotak.setLtp("58801", new BigDecimal("49.00")); // the limit BUY at 50 fills while the feed is down

        await().atMost(Duration.ofSeconds(5)).until(() -> "COMPLETE".equals(field(orderNo, "status")));
        assertThat(kotak.requestsTo("/quick/user/orders")).isNotEmpty();

        // with the feed back and no open order, the order book is read once to catch up, then left alone
        orders.onConnection(true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> kotak.requestsTo("/quick/user/orders").size() >= 2);
        int reads = kotak.requestsTo("/quick/user/orders").size();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(kotak.requestsTo("/quick/user/orders")).hasSize(reads);
    }

    // ---- helpers

    private String place(String tag, OrderType type, Optional<BigDecimal> price) {
        return broker.placeOrder(new OrderRequest(
                        Segment.NSE_FO,
                        new TradingSymbol("NIFTY26JAN26000CE"),
                        Side.BUY,
                        65,
                        type,
                        price,
                        Optional.empty(),
                        Product.NRML,
                        Validity.DAY,
                        new OrderTag(tag),
                        false))
                .orderId()
                .value();
    }

    private String field(String orderNo, String name) {
        JsonNode node = jsonOf(orderNo);
        return node == null || !node.has(name) ? null : node.get(name).asText();
    }

    private JsonNode jsonOf(String orderNo) {
        String json = redis.hget(OrderStates.orders(UID), orderNo);
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<StreamMessage<String, String>> events(String orderNo) {
        return redis.xrange(OrderStates.events(UID), io.lettuce.core.Range.create("-", "+")).stream()
                .filter(m -> orderNo.equals(m.getBody().get("order_no")))
                .toList();
    }
}
