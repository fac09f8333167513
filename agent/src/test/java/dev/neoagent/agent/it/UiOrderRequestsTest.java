package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The existing UI's exact Redis writes for order requests (ui-contract.md §3.4, §3.5, §3.8), and
 * the answers and broker requests they must lead to.
 */
class UiOrderRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "ITC2766";

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        h.startAgent();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** The UI clears its fields with separate HDELs, then writes the request in one HSET. */
    private void uiWrites(String flag, String payloadField, String payload, String statusField) {
        h.redis.hdel(UID, payloadField);
        h.redis.hdel(UID, statusField);
        h.redis.hdel(UID, statusField.replace("STATUS_", "MSG_"));
        h.hset(UID, flag, "requested", payloadField, payload, statusField, "PROCESSING");
    }

    private String awaitFinal(String statusField) {
        AgentHarness.await().until(() -> {
            String status = h.hget(UID, statusField);
            return status != null && !status.equals("PROCESSING");
        });
        return h.hget(UID, statusField);
    }

    private List<RecordedCall> places() {
        return h.kotak.requestsTo("/quick/order/rule/ms/place");
    }

    @Test
    void singleLegMarketOrder() throws Exception {
        uiWrites(
                "PLACE_SINGLE",
                "SINGLE_LEG",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, "
                        + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
                        + "\"ExecutionType\": \"MARKET\", \"exchangeInstrumentID\": 58801}]",
                "STATUS_SINGLE");

        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("SUCCESS");
        List<FakeOrder> orders = h.kotak.orders("U" + UID);
        assertThat(orders).hasSize(1);
        assertThat(h.hget(UID, "MSG_SINGLE"))
                .isEqualTo("Order Placed: " + orders.get(0).orderNo());
        assertThat(h.hget(UID, "PLACE_SINGLE")).isEqualTo("fetched");

        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).isEqualTo("NIFTY26JAN26000CE");
        assertThat(sent.get("es").asText()).isEqualTo("nse_fo");
        assertThat(sent.get("qt").asText()).isEqualTo("65");
        assertThat(sent.get("pt").asText()).isEqualTo("MKT");
        assertThat(sent.get("pr").asText()).isEqualTo("0");
        assertThat(sent.get("tt").asText()).isEqualTo("B");
        assertThat(sent.get("pc").asText()).isEqualTo("NRML");

        JsonNode result = JSON.readTree(h.hget(UID, "RESULT_SINGLE"));
        assertThat(result.get("outcome").asText()).isEqualTo("DONE");
        assertThat(result.get("orders").get(0).get("order_no").asText())
                .isEqualTo(orders.get(0).orderNo());
        assertThat(result.get("orders").get(0).get("tsym").asText()).isEqualTo("NIFTY26JAN26000CE");
        // the tag sent to Kotak starts with the command id, so a restart can find the order
        assertThat(sent.get("ig").asText()).startsWith(result.get("id").asText());
        assertThat(h.hget(UID, "RESULT_SINGLE")).contains("\"outcome\": \"DONE\"");
    }

    @Test
    void singleLegLimitOrder() {
        uiWrites(
                "PLACE_SINGLE",
                "SINGLE_LEG",
                "[{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 30, "
                        + "\"Side\": \"SELL\", \"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\", "
                        + "\"ExecutionType\": \"LIMIT\", \"LimitPrice\": 320.55, \"exchangeInstrumentID\": 61234}]",
                "STATUS_SINGLE");

        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("SUCCESS");
        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).isEqualTo("BANKNIFTY26JAN60000PE");
        assertThat(sent.get("pt").asText()).isEqualTo("L");
        assertThat(sent.get("pr").asText()).isEqualTo("320.55");
        assertThat(sent.get("tt").asText()).isEqualTo("S");
        assertThat(sent.get("qt").asText()).isEqualTo("30");
    }

    @Test
    void multiLegSendsBuyLegsBeforeSellLegs() {
        uiWrites(
                "PLACE_MULTI",
                "MULTI_LEGS",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, "
                        + "\"Side\": \"SELL\", \"Expiry\": \"2026-09-22\", \"Strike\": 21000, \"OptionType\": \"PE\", "
                        + "\"exchangeInstrumentID\": 56526}, {\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, "
                        + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
                        + "\"exchangeInstrumentID\": 58801}]",
                "STATUS_MULTI");

        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("SUCCESS");
        assertThat(h.hget(UID, "MSG_MULTI")).isEqualTo("All legs placed successfully");
        assertThat(places()).extracting(call -> call.jData().get("tt").asText()).containsExactly("B", "S");
        assertThat(places())
                .extracting(call -> call.jData().get("ts").asText())
                .containsExactly("NIFTY26JAN26000CE", "NIFTY2692221000PE");
    }

    @Test
    void rejectedBuyLegStopsTheSellLegs() {
        h.kotak.failNext(
                "/quick/order/rule/ms/place",
                dev.neoagent.testing.FakeKotakServer.Fault.apiReject(1004, "RMS:Rule: margin exceeds"));
        uiWrites(
                "PLACE_MULTI",
                "MULTI_LEGS",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, "
                        + "\"Side\": \"SELL\", \"Expiry\": \"2026-09-22\", \"Strike\": 21000, \"OptionType\": \"PE\"}, "
                        + "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                        + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}]",
                "STATUS_MULTI");

        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MULTI"))
                .startsWith("Completed with 2 errors. First error: RMS:Rule: margin exceeds")
                .contains("not sent");
        assertThat(places()).hasSize(1);
        assertThat(h.kotak.orders("U" + UID)).isEmpty();
    }

    @Test
    void quantityAboveTheFreezeIsSlicedIntoWholeLots() {
        // 28 lots of 65 = 1820 units; freeze 1801 allows at most 27 lots (1755) per order
        uiWrites(
                "PLACE_SINGLE",
                "SINGLE_LEG",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 1820, "
                        + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
                        + "\"ExecutionType\": \"MARKET\"}]",
                "STATUS_SINGLE");

        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(places()).extracting(call -> call.jData().get("qt").asText()).containsExactly("1755", "65");
        List<FakeOrder> orders = h.kotak.orders("U" + UID);
        assertThat(h.hget(UID, "MSG_SINGLE"))
                .isEqualTo("Order Placed: " + orders.get(0).orderNo() + ", "
                        + orders.get(1).orderNo());
    }

    @Test
    void equityOrderUsesTheMasterTradingSymbol() {
        h.redis.hdel(UID, "EQUITY_ORDER");
        h.redis.hdel(UID, "STATUS_EQUITY");
        h.hset(
                UID,
                "PLACE_EQUITY",
                "requested",
                "EQUITY_ORDER",
                "{\"state\": \"requested\", \"symbol\": \"RELIANCE\", "
                        + "\"exchangeInstrumentID\": 2885, \"side\": \"BUY\", \"qty\": 1, \"product\": \"CNC\", "
                        + "\"order_type\": \"MARKET\"}",
                "STATUS_EQUITY",
                "PROCESSING");

        String status = awaitFinal("STATUS_EQUITY");
        List<FakeOrder> orders = h.kotak.orders("U" + UID);
        assertThat(status).isEqualTo("SUCCESS: Order Placed " + orders.get(0).orderNo());
        JsonNode sent = places().get(0).jData();
        assertThat(sent.get("ts").asText()).isEqualTo("RELIANCE-EQ");
        assertThat(sent.get("es").asText()).isEqualTo("nse_cm");
        assertThat(sent.get("pc").asText()).isEqualTo("CNC");
        assertThat(h.hget(UID, "PLACE_EQUITY")).isEqualTo("fetched");
        assertThat(h.hget(UID, "RESULT_EQUITY")).contains("\"outcome\": \"DONE\"");
    }

    @Test
    void squareOffOfListedPositionsAndOfEverything() {
        uiWrites(
                "PLACE_MULTI",
                "MULTI_LEGS",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 130, "
                        + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}, "
                        + "{\"Index\": \"BANKNIFTY\", \"OrderType\": \"NRML\", \"Qty\": 30, \"Side\": \"SELL\", "
                        + "\"Expiry\": \"2026-01-27\", \"Strike\": 60000, \"OptionType\": \"PE\"}]",
                "STATUS_MULTI");
        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("SUCCESS");

        // the positions tab's square-off of part of the NIFTY position
        h.hset(
                UID,
                "SQUAREOFF_REQUEST",
                "[{\"exchangeInstrumentID\": 58801, \"Quantity\": 65, \"Side\": \"SELL\", "
                        + "\"TradingSymbol\": \"NIFTY 27JAN2026 CE 26000\"}]",
                "SQUAREOFF_STATUS",
                "REQUESTED");
        h.awaitField(UID, "SQUAREOFF_STATUS", "DONE");
        JsonNode close = places().get(2).jData();
        assertThat(close.get("ts").asText()).isEqualTo("NIFTY26JAN26000CE");
        assertThat(close.get("tt").asText()).isEqualTo("S");
        assertThat(close.get("qt").asText()).isEqualTo("65");
        assertThat(close.get("pc").asText()).isEqualTo("NRML");

        h.hset(UID, "SQUAREOFF_ALL", "requested");
        h.awaitField(UID, "SQUAREOFF_ALL", "fetched");
        assertThat(h.hget(UID, "SQUAREOFF_STATUS"))
                .as(h.hget(UID, "SQUAREOFF_MESSAGE"))
                .isEqualTo("DONE");
        // the short BANKNIFTY leg is bought back before the long NIFTY leg is sold
        assertThat(places().subList(3, 5))
                .extracting(call -> call.jData().get("tt").asText() + " "
                        + call.jData().get("ts").asText() + " "
                        + call.jData().get("qt").asText())
                .containsExactly("B BANKNIFTY26JAN60000PE 30", "S NIFTY26JAN26000CE 65");
    }

    @Test
    void squareOffCannotOpenOrFlipAPosition() {
        h.hset(
                UID,
                "SQUAREOFF_REQUEST",
                "[{\"exchangeInstrumentID\": 58801, \"Quantity\": 65, \"Side\": \"SELL\", "
                        + "\"TradingSymbol\": \"NIFTY 27JAN2026 CE 26000\"}]",
                "SQUAREOFF_STATUS",
                "REQUESTED");
        h.awaitField(UID, "SQUAREOFF_STATUS", "FAILED");
        assertThat(h.hget(UID, "SQUAREOFF_MESSAGE")).contains("no open position with exchangeInstrumentID 58801");
        assertThat(places()).isEmpty();
    }
}
