package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.spot.FeedSettings;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeOrderFeed;
import dev.neoagent.testing.FakeOrderFeed.AcceptedForms;
import dev.neoagent.testing.FakeOrderFeed.Form;
import dev.neoagent.testing.FakeOrderFeed.Handshake;
import dev.neoagent.testing.FakeOrderFeed.Outcome;
import dev.neoagent.testing.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker did with an order, from Kotak's order-update feed (the fake's) and its order book while the feed
 * is down: acknowledged is not accepted, hedge by fill, live order state (redis-contract.md §2.2, §2.7).
 */
class LiveOrdersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "ITC2766";
    private static final String UCC = "U" + UID;
    private static final String BUY_CE_MARKET = "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, "
            + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}";
    private static final String SELL_PE_MARKET = "{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 30, "
            + "\"Side\": \"SELL\", \"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\"}";

    @TempDir
    Path home;

    private AgentHarness h;
    private FakeOrderFeed orderFeed;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        h.settings(settings(Duration.ofSeconds(6)));
        orderFeed = h.kotak.orderFeed(UCC);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static AgentSettings settings(Duration hedgeTimeout) {
        return new AgentSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                new SpotSettings(
                        false,
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        MarketHours.NSE,
                        Duration.ofSeconds(5)),
                FeedSettings.DEFAULTS,
                new OrderSettings(Duration.ofSeconds(2), hedgeTimeout, Duration.ofMillis(250), true));
    }

    private void loginAndAwaitTheOrderFeed() {
        h.startAgent();
        h.hset(UID, "LOGIN", "requested", "LOGIN_STATUS", "PROCESSING");
        h.awaitField(UID, "LOGIN_STATUS", "SUCCESS");
        AgentHarness.await()
                .until(() -> orderFeed.handshakes().stream().anyMatch(s -> s.outcome() == Outcome.ACCEPTED));
    }

    private void uiWrites(String flag, String payloadField, String payload, String statusField) {
        h.request(UID, flag, payloadField, payload, statusField);
    }

    private String awaitFinal(String statusField) {
        return h.awaitAnswer(UID, statusField);
    }

    private JsonNode orderState(String orderNo) {
        String json = h.redis.hget("NEO_ORDERS:" + UID, orderNo);
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String status(String orderNo) {
        JsonNode state = orderState(orderNo);
        return state == null ? null : state.get("status").asText();
    }

    private long acceptedHandshakes() {
        return orderFeed.handshakes().stream()
                .filter(s -> s.outcome() == Outcome.ACCEPTED)
                .count();
    }

    private List<RecordedCall> places() {
        return h.kotak.requestsTo("/quick/order/rule/ms/place");
    }

    @Test
    void anOrderAcknowledgedThenRejectedByRmsIsAnsweredFailed() {
        loginAndAwaitTheOrderFeed();
        h.kotak.rejectNextOrderAfterAck("RMS:Margin Exceeds", Duration.ofMillis(300));

        uiWrites("PLACE_SINGLE", "SINGLE_LEG", "[" + BUY_CE_MARKET + "]", "STATUS_SINGLE");

        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("FAILED");
        String orderNo = h.kotak.orders(UCC).get(0).orderNo();
        assertThat(h.hget(UID, "MSG_SINGLE")).isEqualTo("Order rejected: RMS:Margin Exceeds (order " + orderNo + ")");
        assertThat(h.hget(UID, "RESULT_SINGLE")).contains("\"outcome\": \"REJECTED\"");
        AgentHarness.await().until(() -> "REJECTED".equals(status(orderNo)));
        assertThat(orderState(orderNo).get("reason").asText()).isEqualTo("RMS:Margin Exceeds");
    }

    @Test
    void aMultiLegWhoseBuyIsRejectedAfterItsAcknowledgementNeverSendsTheSell() {
        loginAndAwaitTheOrderFeed();
        h.kotak.rejectNextOrderAfterAck("RMS:Rule: margin exceeds", Duration.ofMillis(200));

        uiWrites("PLACE_MULTI", "MULTI_LEGS", "[" + SELL_PE_MARKET + ", " + BUY_CE_MARKET + "]", "STATUS_MULTI");

        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("FAILED");
        assertThat(places()).hasSize(1);
        assertThat(places().get(0).jData().get("tt").asText()).isEqualTo("B");
        String buyNo = h.kotak.orders(UCC).get(0).orderNo();
        assertThat(h.hget(UID, "MSG_MULTI"))
                .isEqualTo("Completed with 2 errors. First error: Order rejected: RMS:Rule: margin exceeds (order "
                        + buyNo + "). Orders after the failure were not sent (no SELL without its BUY hedge)");
        assertThat(h.hget(UID, "RESULT_MULTI"))
                .contains("not sent: BUY leg 1 (NIFTY26JAN26000CE, order " + buyNo + ") was rejected");
    }

    @Test
    void theSellIsSentOnlyAfterTheBuyIsFilled() {
        loginAndAwaitTheOrderFeed();
        String limitBuy = BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"LIMIT\", \"LimitPrice\": 90}");

        uiWrites("PLACE_MULTI", "MULTI_LEGS", "[" + limitBuy + ", " + SELL_PE_MARKET + "]", "STATUS_MULTI");

        // the BUY rests at 90 below the last price of 95: the agent waits for its fill
        AgentHarness.await().until(() -> h.kotak.orders(UCC).size() == 1);
        String buyNo = h.kotak.orders(UCC).get(0).orderNo();
        AgentHarness.await().until(() -> "OPEN".equals(status(buyNo)));
        assertThat(places()).hasSize(1);
        assertThat(h.hget(UID, "STATUS_MULTI")).isEqualTo("PROCESSING");

        h.kotak.setLtp("58801", new BigDecimal("89.50"));

        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("SUCCESS");
        assertThat(places()).hasSize(2);
        assertThat(places().get(1).jData().get("tt").asText()).isEqualTo("S");
        assertThat(status(buyNo)).isEqualTo("COMPLETE");
        assertThat(orderState(buyNo).get("filled").asInt()).isEqualTo(65);
    }

    @Test
    void aBuyStillOpenAtTheHedgeTimeoutStopsTheSellAndStaysOpen() {
        h.settings(settings(Duration.ofMillis(800)));
        loginAndAwaitTheOrderFeed();
        String limitBuy = BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"LIMIT\", \"LimitPrice\": 90}");

        uiWrites("PLACE_MULTI", "MULTI_LEGS", "[" + limitBuy + ", " + SELL_PE_MARKET + "]", "STATUS_MULTI");

        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("FAILED");
        String buyNo = h.kotak.orders(UCC).get(0).orderNo();
        assertThat(places()).hasSize(1);
        assertThat(h.hget(UID, "MSG_MULTI"))
                .contains("not sent: BUY leg 0 (NIFTY26JAN26000CE, order " + buyNo + ") is OPEN, 0 of 65 filled after"
                        + " 0.8 s; it stays open");
        assertThat(h.kotak.orders(UCC).get(0).status()).isEqualTo("open");
    }

    @Test
    void whileTheOrderFeedIsDownTheOrderBookIsPolledAndTheStateCatchesUp() {
        loginAndAwaitTheOrderFeed();
        String limitBuy = BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"LIMIT\", \"LimitPrice\": 90}");
        uiWrites("PLACE_SINGLE", "SINGLE_LEG", "[" + limitBuy + "]", "STATUS_SINGLE");
        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("SUCCESS");
        String orderNo = h.kotak.orders(UCC).get(0).orderNo();
        AgentHarness.await().until(() -> "OPEN".equals(status(orderNo)));

        orderFeed.drop();
        int booksBefore = h.kotak.requestsTo("/quick/user/orders").size();
        h.kotak.setLtp("58801", new BigDecimal("89.50"));

        AgentHarness.await().until(() -> "COMPLETE".equals(status(orderNo)));
        assertThat(h.kotak.requestsTo("/quick/user/orders").size())
                .as("the order book was read")
                .isGreaterThan(booksBefore);

        // reconnected: re-authenticated, and what happens next arrives on the feed again
        AgentHarness.await().until(() -> acceptedHandshakes() == 2 && orderFeed.connections() == 1);
        FakeOrder external =
                h.kotak.addExternalOrder(UCC, "nse_fo", "NIFTY26JAN26000CE", "S", 65, "L", new BigDecimal("99"));
        AgentHarness.await().until(() -> status(external.orderNo()) != null);
        assertThat(orderState(external.orderNo()).get("external").asBoolean()).isTrue();
        assertThat(h.metrics.scrape()).contains("neo_feed_reconnects_total{feed=\"order\"}");
    }

    @Test
    void anOrderPlacedInKotaksAppAppearsAsExternal() {
        loginAndAwaitTheOrderFeed();

        FakeOrder external =
                h.kotak.addExternalOrder(UCC, "nse_fo", "NIFTY26JAN26000CE", "B", 65, "L", new BigDecimal("80"));

        AgentHarness.await().until(() -> "OPEN".equals(status(external.orderNo())));
        JsonNode state = orderState(external.orderNo());
        assertThat(state.get("external").asBoolean()).isTrue();
        assertThat(state.get("request").isNull()).isTrue();
        assertThat(state.get("tsym").asText()).isEqualTo("NIFTY26JAN26000CE");
        assertThat(h.redis.xlen("NEO_ORDER_EVENTS:" + UID)).isPositive();
    }

    @Test
    void aServerThatTakesOnlyTheRawHandshakeGetsIt() {
        orderFeed.setAcceptedForms(AcceptedForms.RAW);

        loginAndAwaitTheOrderFeed();

        assertThat(orderFeed.handshakes())
                .containsSubsequence(
                        new Handshake(Form.JSON, Outcome.IGNORED), new Handshake(Form.RAW, Outcome.ACCEPTED));
        h.kotak.addExternalOrder(UCC, "nse_fo", "NIFTY26JAN26000CE", "B", 65, "L", new BigDecimal("80"));
        AgentHarness.await().until(() -> h.redis.hlen("NEO_ORDERS:" + UID) == 1);
    }

    @Test
    void aServerThatTakesTheJsonHandshakeGetsItFirst() {
        orderFeed.setAcceptedForms(AcceptedForms.JSON);

        loginAndAwaitTheOrderFeed();

        assertThat(orderFeed.handshakes()).first().isEqualTo(new Handshake(Form.JSON, Outcome.ACCEPTED));
    }

    @Test
    void noSessionTokenOrSidReachesAnyLogLine() {
        List<String> lines;
        try (LogCapture log = LogCapture.everything()) {
            loginAndAwaitTheOrderFeed();
            h.kotak.rejectNextOrderAfterAck("RMS:Margin Exceeds");
            uiWrites("PLACE_SINGLE", "SINGLE_LEG", "[" + BUY_CE_MARKET + "]", "STATUS_SINGLE");
            awaitFinal("STATUS_SINGLE");
            uiWrites("PLACE_MULTI", "MULTI_LEGS", "[" + BUY_CE_MARKET + ", " + SELL_PE_MARKET + "]", "STATUS_MULTI");
            awaitFinal("STATUS_MULTI");
            orderFeed.drop();
            AgentHarness.await().until(() -> acceptedHandshakes() == 2);
            lines = new ArrayList<>(log.rendered());
        }

        Set<String> secrets = new TreeSet<>();
        for (RecordedCall call : h.kotak.requests()) {
            for (String header : List.of("Auth", "Sid", "sid", "Authorization")) {
                String value = call.header(header);
                if (value != null && value.length() >= 8) {
                    secrets.add(value.replace("Bearer ", ""));
                }
            }
        }
        assertThat(secrets).as("the test saw the session's token and sid").isNotEmpty();
        assertThat(lines).as("the agent logged what it did").isNotEmpty();
        for (String secret : secrets) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }
}
