package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.Secret;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** redis-contract.md §4: atomic claims, at most one send per order, no stale answers, restarts. */
class SafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NIFTY_LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";
    private static final String BANKNIFTY_LEG = "[{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 30, "
            + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\", "
            + "\"ExecutionType\": \"MARKET\"}]";

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void twoAgentsOnOneRedisPlaceEachRequestExactlyOnce() {
        for (int i = 0; i < 10; i++) {
            h.addUser("u" + i);
        }
        h.startAgent();
        h.startAgent();

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                h.hset("u" + i, "PLACE_SINGLE", "requested", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE", "PROCESSING");
            }
            for (int i = 0; i < 10; i++) {
                h.awaitField("u" + i, "PLACE_SINGLE", "fetched");
                assertThat(h.hget("u" + i, "STATUS_SINGLE")).isEqualTo("SUCCESS");
            }
        }

        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            List<FakeOrder> orders = h.kotak.orders("Uu" + i);
            assertThat(orders).as("orders of u" + i).hasSize(3);
            orders.forEach(order -> tags.add(order.tag()));
        }
        assertThat(tags).hasSize(30);
        // A place call may be repeated once after a session-expired answer (each agent's login replaces
        // the other's session at the fake), but only ever with the same tag: never a second order.
        assertThat(h.kotak.requestsTo("/quick/order/rule/ms/place").stream()
                        .map(call -> call.jData().get("ig").asText())
                        .distinct()
                        .count())
                .isEqualTo(30);
    }

    @Test
    void reRequestWhileTheFirstIsInFlightIsServedAndNeverShownTheOldAnswer() throws Exception {
        h.addUser("u1");
        h.startAgent();
        h.kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofMillis(1500)));
        h.hset("u1", "PLACE_SINGLE", "requested", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE", "PROCESSING");
        AgentHarness.await().until(() -> h.placeCalls() == 1);

        // the UI's re-submit: clear, then one HSET with the new payload
        h.redis.hdel("u1", "STATUS_SINGLE");
        h.redis.hdel("u1", "MSG_SINGLE");
        h.hset("u1", "PLACE_SINGLE", "requested", "SINGLE_LEG", BANKNIFTY_LEG, "STATUS_SINGLE", "PROCESSING");

        AgentHarness.await().until(() -> h.placeCalls() == 2 && "fetched".equals(h.hget("u1", "PLACE_SINGLE")));
        List<FakeOrder> orders = h.kotak.orders("Uu1");
        assertThat(orders)
                .extracting(FakeOrder::tradingSymbol)
                .containsExactly("NIFTY26JAN26000CE", "BANKNIFTY26JAN60000PE");
        assertThat(h.hget("u1", "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(h.hget("u1", "MSG_SINGLE"))
                .isEqualTo("Order Placed: " + orders.get(1).orderNo());
        JsonNode result = JSON.readTree(h.hget("u1", "RESULT_SINGLE"));
        assertThat(result.get("orders").get(0).get("tsym").asText()).isEqualTo("BANKNIFTY26JAN60000PE");
        // the first request's answer went to the audit only
        assertThat(h.redis.xrange("NEO_AUDIT:u1", io.lettuce.core.Range.create("-", "+")))
                .anySatisfy(entry -> assertThat(entry.getBody().get("written")).startsWith("no: superseded"));
    }

    @Test
    void anOrderLeftInFlightByADeadAgentIsSettledFromTheOrderBookNotResent() {
        FakeUser user = h.addUser("u1");
        String tag = "CDEAD00001L0S0";
        // What a killed agent leaves: the request claimed, the order sent with its tag, no answer.
        placeDirectly(user, tag);
        // The claim's own record: the order detail written after it had not landed yet.
        leaveInFlight(
                "u1",
                "CDEAD00001",
                "{\"id\":\"CDEAD00001\",\"type\":\"PLACE_SINGLE\",\"claimedAt\":\"x\","
                        + "\"agent\":\"deadbeef\",\"orders\":[]}");
        int sentBefore = h.placeCalls();

        h.startAgent();

        h.awaitField("u1", "STATUS_SINGLE", "SUCCESS");
        String orderNo = h.kotak.orders("Uu1").get(0).orderNo();
        assertThat(h.hget("u1", "MSG_SINGLE"))
                .isEqualTo("Order Placed: " + orderNo + " (confirmed from the order book after a restart)");
        assertThat(h.hget("u1", "PLACE_SINGLE")).isEqualTo("fetched");
        assertThat(h.placeCalls()).isEqualTo(sentBefore);
        assertThat(h.redis.hlen("NEO_INFLIGHT:u1")).isZero();
    }

    @Test
    void anOrderTheBrokerNeverGotIsReportedAsNotPlaced() {
        h.addUser("u1");
        leaveInFlight(
                "u1",
                "CDEAD00002",
                "{\"id\": \"CDEAD00002\", \"type\": \"PLACE_SINGLE\", \"claimedAt\": \"x\", "
                        + "\"agent\": \"deadbeef\", \"orders\": [{\"tag\": \"CDEAD00002L0S0\", \"leg\": 0, \"tsym\": "
                        + "\"NIFTY26JAN26000CE\", \"side\": \"BUY\", \"qty\": 65, \"state\": \"SENDING\"}]}");

        h.startAgent();

        h.awaitField("u1", "STATUS_SINGLE", "FAILED");
        assertThat(h.hget("u1", "MSG_SINGLE")).contains("not placed", "no order tagged CDEAD00002L0S0");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void aRequestClaimedButNeverSentIsReportedAsNotPlaced() {
        h.addUser("u1");
        leaveInFlight(
                "u1",
                "CDEAD00004",
                "{\"id\":\"CDEAD00004\",\"type\":\"PLACE_MULTI\",\"claimedAt\":\"x\","
                        + "\"agent\":\"deadbeef\",\"orders\":[]}");
        h.hset("u1", "PLACE_MULTI", "processing", "STATUS_MULTI", "PROCESSING");
        h.redis.hset("NEO_CLAIMS:u1", Map.of("PLACE_MULTI", "CDEAD00004"));

        h.startAgent();

        h.awaitField("u1", "STATUS_MULTI", "FAILED");
        assertThat(h.hget("u1", "MSG_MULTI"))
                .contains("not placed", "before any order of this request reached the broker");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void unreadableOrderBookLeavesTheOutcomeUnknown() {
        h.addUser("u1");
        leaveInFlight(
                "u1",
                "CDEAD00003",
                "{\"id\": \"CDEAD00003\", \"type\": \"PLACE_SINGLE\", \"claimedAt\": \"x\", "
                        + "\"agent\": \"deadbeef\", \"orders\": [{\"tag\": \"CDEAD00003L0S0\", \"leg\": 0, \"tsym\": "
                        + "\"NIFTY26JAN26000CE\", \"side\": \"BUY\", \"qty\": 65, \"state\": \"SENDING\"}]}");
        for (int i = 0; i < 2; i++) {
            h.kotak.failNext("/quick/user/orders", Fault.http500Bare());
        }

        h.startAgent();

        h.awaitField("u1", "STATUS_SINGLE", "UNKNOWN");
        assertThat(h.hget("u1", "MSG_SINGLE"))
                .contains("outcome UNKNOWN", "tags starting with CDEAD00003L", "check the order book");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void aLiveAgentsInFlightRequestIsLeftAloneAndNothingNewIsServedUntilItEnds() {
        h.addUser("u1");
        h.redis.set("NEO_AGENT:aliveone", "1");
        leaveInFlight(
                "u1",
                "CLIVE00001",
                "{\"id\": \"CLIVE00001\", \"type\": \"PLACE_SINGLE\", \"claimedAt\": \"x\", "
                        + "\"agent\": \"aliveone\", \"orders\": []}");

        h.startAgent();
        h.hset("u1", "BALANCE", "requested");
        // the previous owner may still be sending: nothing new for this user until its request is done
        AgentHarness.await()
                .during(Duration.ofMillis(1000))
                .atMost(Duration.ofSeconds(3))
                .until(() -> "requested".equals(h.hget("u1", "BALANCE")));
        assertThat(h.hget("u1", "PLACE_SINGLE")).isEqualTo("processing");
        assertThat(h.redis.hexists("NEO_INFLIGHT:u1", "CLIVE00001")).isTrue();

        h.redis.del("NEO_AGENT:aliveone"); // it died: its request is settled, then the new one is served
        h.awaitField("u1", "BALANCE", "fetched");
        assertThat(h.hget("u1", "STATUS_SINGLE")).isNotEqualTo("PROCESSING");
        assertThat(h.placeCalls()).isZero();
    }

    @Test
    void withoutKeyspaceNotificationsTheSweepServesRequestsAndIdleSweepsAreClean() {
        ch.qos.logback.classic.Logger workerLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(dev.neoagent.agent.worker.UserWorker.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        workerLog.addAppender(logs);
        try {
            h.addUser("u1");
            h.startAgent();
            h.redis.configSet("notify-keyspace-events", ""); // e.g. a managed Redis that drops them

            for (int i = 0; i < 3; i++) {
                h.hset("u1", "BALANCE", "requested");
                AgentHarness.await()
                        .atMost(Duration.ofMillis(1500))
                        .until(() -> "fetched".equals(h.hget("u1", "BALANCE")));
            }
            // An idle sweep (nothing pending) is the normal case and must not count as a Redis failure:
            // that would log a warning and slow the sweep down with backoff.
            assertThat(logs.list).noneMatch(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN);
        } finally {
            workerLog.detachAppender(logs);
        }
    }

    @Test
    void redisRestartIsSurvivedAndNotificationsComeBack() {
        h.addUser("u1");
        h.startAgent();
        h.hset("u1", "PLACE_SINGLE", "requested", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE", "PROCESSING");
        h.awaitField("u1", "STATUS_SINGLE", "SUCCESS");

        h.redisServer.restart(); // same port, empty data, default configuration

        AgentHarness.await()
                .ignoreExceptions()
                .until(() -> h.redis
                        .configGet("notify-keyspace-events")
                        .get("notify-keyspace-events")
                        .contains("h"));
        TestInstruments.load(h.redis);
        h.hset("u1", "PLACE_SINGLE", "requested", "SINGLE_LEG", BANKNIFTY_LEG, "STATUS_SINGLE", "PROCESSING");
        h.awaitField("u1", "STATUS_SINGLE", "SUCCESS");
        assertThat(h.kotak.orders("Uu1")).hasSize(2);
    }

    private void placeDirectly(FakeUser user, String tag) {
        var settings = KotakSettings.defaults(URI.create(h.kotak.loginUrl()));
        try (var broker = KotakNeoAdapter.create(
                new KotakCredentials(
                        "direct",
                        Secret.of(user.consumerKey()),
                        user.mobileNumber(),
                        user.ucc(),
                        Secret.of(user.mpin()),
                        Secret.of(user.totpSecretBase32())),
                settings)) {
            broker.placeOrder(OrderRequest.market(
                    Segment.NSE_FO,
                    new TradingSymbol("NIFTY26JAN26000CE"),
                    Side.BUY,
                    65,
                    Product.NRML,
                    new OrderTag(tag)));
        }
    }

    private void leaveInFlight(String uid, String id, String record) {
        h.hset(uid, "PLACE_SINGLE", "processing", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE", "PROCESSING");
        h.redis.hset("NEO_CLAIMS:" + uid, Map.of("PLACE_SINGLE", id));
        h.redis.hset("NEO_INFLIGHT:" + uid, Map.of(id, record));
    }
}
