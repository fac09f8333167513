package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managing orders after placing them (redis-contract.md §2.8) against the fake Kotak server and its order feed:
 * modify, cancel by order / request / all, exit-all, every refusal with no call to the broker, and getting out while
 * trading is halted.
 */
class OrderManagementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "ITC2766";
    private static final String UCC = "U" + UID;
    private static final String MODIFY = "/quick/order/vr/modify";
    private static final String CANCEL = "/quick/order/cancel";
    private static final String BUY_CE_LIMIT_90 = "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, "
            + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", "
            + "\"ExecutionType\": \"LIMIT\", \"LimitPrice\": 90}";
    private static final String BUY_CE_MARKET = "{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, "
            + "\"Side\": \"BUY\", \"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}";

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

    // ---- helpers

    private void write(String flag, String payloadField, String payload, String statusField) {
        h.request(UID, flag, payloadField, payload, statusField);
    }

    private String awaitFinal(String statusField) {
        return h.awaitAnswer(UID, statusField);
    }

    /** Places one order through the UI's single-leg request; its order number. */
    private String place(String leg) {
        write("PLACE_SINGLE", "SINGLE_LEG", "[" + leg + "]", "STATUS_SINGLE");
        assertThat(awaitFinal("STATUS_SINGLE")).as(h.hget(UID, "MSG_SINGLE")).isEqualTo("SUCCESS");
        return result("RESULT_SINGLE").get("orders").get(0).get("order_no").asText();
    }

    private String modify(String json) {
        write("MODIFY_ORDER", "MODIFY_ORDER_REQ", json, "STATUS_MODIFY");
        return awaitFinal("STATUS_MODIFY");
    }

    private String cancel(String json) {
        write("CANCEL_ORDER", "CANCEL_ORDER_REQ", json, "STATUS_CANCEL");
        return awaitFinal("STATUS_CANCEL");
    }

    private JsonNode result(String field) {
        try {
            return JSON.readTree(h.hget(UID, field));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String state(String orderNo, String field) {
        String json = h.redis.hget("NEO_ORDERS:" + UID, orderNo);
        try {
            return json == null ? null : JSON.readTree(json).get(field).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FakeOrder fakeOrder(String orderNo) {
        return h.kotak.orders(UCC).stream()
                .filter(o -> o.orderNo().equals(orderNo))
                .findFirst()
                .orElseThrow();
    }

    private List<RecordedCall> calls(String path) {
        return h.kotak.requestsTo(path);
    }

    // ---- modify

    @Test
    void modifiesThePriceAndQuantityOfAnOpenOrder() {
        String orderNo = place(BUY_CE_LIMIT_90);

        assertThat(modify("{\"order_no\": \"" + orderNo + "\", \"price\": 91.5}"))
                .isEqualTo("SUCCESS");
        assertThat(h.hget(UID, "MSG_MODIFY")).isEqualTo("Order " + orderNo + " modified: limit, qty 65, price 91.5");
        JsonNode sent = calls(MODIFY).get(0).jData();
        assertThat(sent.get("no").asText()).isEqualTo(orderNo);
        assertThat(sent.get("pr").asText()).isEqualTo("91.5");
        assertThat(sent.get("qt").asText()).isEqualTo("65");
        assertThat(sent.get("pt").asText()).isEqualTo("L");
        AgentHarness.await()
                .until(() -> state(orderNo, "price") != null
                        && new BigDecimal(state(orderNo, "price")).compareTo(new BigDecimal("91.5")) == 0);

        assertThat(modify("{\"order_no\": \"" + orderNo + "\", \"qty\": 130}")).isEqualTo("SUCCESS");
        assertThat(calls(MODIFY).get(1).jData().get("qt").asText()).isEqualTo("130");
        assertThat(fakeOrder(orderNo).qty()).isEqualTo(130);

        assertThat(result("RESULT_MODIFY").get("orders").get(0).get("action").asText())
                .isEqualTo("modify");
    }

    @Test
    void everyRefusalNamesTheProblemAndCallsNothing() {
        String open = place(BUY_CE_LIMIT_90);
        String filled = place(BUY_CE_MARKET);
        AgentHarness.await().until(() -> "COMPLETE".equals(state(filled, "status")));

        assertThat(modify("{\"order_no\": \"999999\", \"price\": 91}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("order 999999 is not one of this user's orders (not in the " + "order book)");
        assertThat(modify("{\"order_no\": \"" + open + "\", \"qty\": 100}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("MODIFY_ORDER_REQ: qty 100 is not a multiple of lot size 65 for NIFTY26JAN26000CE");
        assertThat(modify("{\"order_no\": \"" + open + "\", \"price\": 90.03}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("MODIFY_ORDER_REQ: price 90.03 is not on the tick grid of 0.05 for NIFTY26JAN26000CE");
        assertThat(modify("{\"order_no\": \"" + open + "\", \"order_type\": \"SL\", \"price\": 95, "
                        + "\"trigger_price\": 96}"))
                .isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY")).contains("a BUY stop-loss limit must be at or above its trigger");
        assertThat(modify("{\"order_no\": \"" + filled + "\", \"price\": 91}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("order " + filled + " is already COMPLETE; there is nothing to modify");
        assertThat(modify("{\"order_no\": \"" + open + "\"}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY")).contains("nothing to change");
        assertThat(cancel("{\"order_no\": \"" + filled + "\"}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_CANCEL"))
                .isEqualTo("order " + filled + " is already COMPLETE; there is nothing to cancel");
        assertThat(cancel("{\"order_no\": \"1\", \"all\": true}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_CANCEL")).contains("give exactly one of order_no, request or \"all\": true");

        assertThat(calls(MODIFY)).isEmpty();
        assertThat(calls(CANCEL)).isEmpty();
        assertThat(result("RESULT_MODIFY").get("outcome").asText()).isEqualTo("DENIED");
    }

    // ---- cancel

    @Test
    void cancelsOneOrder() {
        String orderNo = place(BUY_CE_LIMIT_90);

        assertThat(cancel("{\"order_no\": \"" + orderNo + "\"}")).isEqualTo("SUCCESS");

        assertThat(h.hget(UID, "MSG_CANCEL")).isEqualTo("Order " + orderNo + " cancelled");
        assertThat(calls(CANCEL))
                .singleElement()
                .satisfies(call -> assertThat(call.jData().get("on").asText()).isEqualTo(orderNo));
        assertThat(state(orderNo, "status")).isEqualTo("CANCELLED");
        JsonNode entry = result("RESULT_CANCEL").get("orders").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("cancel");
        assertThat(entry.get("outcome").asText()).isEqualTo("DONE");
    }

    @Test
    void cancelsTheOpenOrdersOfOneRequestAndLeavesTheOthers() {
        write(
                "PLACE_MULTI",
                "MULTI_LEGS",
                "[" + BUY_CE_LIMIT_90 + ", " + BUY_CE_LIMIT_90.replace("90}", "89}") + "]",
                "STATUS_MULTI");
        assertThat(awaitFinal("STATUS_MULTI")).isEqualTo("SUCCESS");
        String request = result("RESULT_MULTI").get("id").asText();
        String other = place(BUY_CE_LIMIT_90.replace("90}", "88}"));

        assertThat(cancel("{\"request\": \"" + request + "\"}")).isEqualTo("SUCCESS");

        assertThat(h.hget(UID, "MSG_CANCEL")).startsWith("Cancelled 2 orders: ");
        assertThat(result("RESULT_CANCEL").get("orders")).hasSize(2);
        assertThat(calls(CANCEL)).hasSize(2);
        assertThat(fakeOrder(other).status()).isEqualTo("open");
    }

    @Test
    void cancelsEveryOpenOrder() {
        String a = place(BUY_CE_LIMIT_90);
        String b = place(BUY_CE_LIMIT_90.replace("90}", "89}"));
        String done = place(BUY_CE_MARKET);
        AgentHarness.await().until(() -> "COMPLETE".equals(state(done, "status")));

        assertThat(cancel("{\"all\": true}")).isEqualTo("SUCCESS");

        assertThat(calls(CANCEL)).extracting(c -> c.jData().get("on").asText()).containsExactlyInAnyOrder(a, b);
        assertThat(List.of(state(a, "status"), state(b, "status"))).containsOnly("CANCELLED");
        assertThat(cancel("{\"all\": true}")).isEqualTo("SUCCESS");
        assertThat(h.hget(UID, "MSG_CANCEL")).isEqualTo("No open orders");
    }

    // ---- exit-all

    @Test
    void exitAllCancelsTheOpenOrdersThenSquaresOffEveryPosition() {
        String open = place(BUY_CE_LIMIT_90);
        String filled = place(BUY_CE_MARKET);
        AgentHarness.await().until(() -> "COMPLETE".equals(state(filled, "status")));

        write("EXIT_ALL", null, null, "STATUS_EXIT_ALL");

        assertThat(awaitFinal("STATUS_EXIT_ALL"))
                .as(h.hget(UID, "MSG_EXIT_ALL"))
                .isEqualTo("SUCCESS");
        assertThat(h.hget(UID, "MSG_EXIT_ALL"))
                .startsWith("Exit complete: cancelled 1 open order; square-off orders " + "placed: ");
        assertThat(fakeOrder(open).status()).isEqualTo("cancelled");
        List<FakeOrder> orders = h.kotak.orders(UCC);
        FakeOrder close = orders.get(orders.size() - 1);
        assertThat(close.side()).isEqualTo("S");
        assertThat(close.qty()).isEqualTo(65);
        assertThat(close.tradingSymbol()).isEqualTo("NIFTY26JAN26000CE");
        JsonNode steps = result("RESULT_EXIT_ALL").get("orders");
        assertThat(steps).extracting(s -> s.get("action").asText()).containsExactly("cancel", "place");
        assertThat(h.hget(UID, "EXIT_ALL")).isEqualTo("fetched");
    }

    // ---- stop-loss orders

    private static final String BUY_CE_SL =
            BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL\", \"LimitPrice\": 97, \"TriggerPrice\": 96}");

    @Test
    void aStopLossLegRestsTriggerPendingAndItsTriggerCanBeModified() {
        String orderNo = place(BUY_CE_SL);

        JsonNode sent = calls("/quick/order/rule/ms/place").get(0).jData();
        assertThat(sent.get("pt").asText()).isEqualTo("SL");
        assertThat(sent.get("tp").asText()).isEqualTo("96");
        assertThat(sent.get("pr").asText()).isEqualTo("97");
        AgentHarness.await().until(() -> "TRIGGER_PENDING".equals(state(orderNo, "status")));

        assertThat(modify("{\"order_no\": \"" + orderNo + "\", \"trigger_price\": 96.5, \"price\": 98}"))
                .as(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("SUCCESS");
        JsonNode modified = calls(MODIFY).get(0).jData();
        assertThat(modified.get("tp").asText()).isEqualTo("96.5");
        assertThat(modified.get("pr").asText()).isEqualTo("98");
        assertThat(modified.get("pt").asText()).isEqualTo("SL");
        AgentHarness.await()
                .until(() -> state(orderNo, "trigger_price") != null
                        && new BigDecimal(state(orderNo, "trigger_price")).compareTo(new BigDecimal("96.5")) == 0);

        h.kotak.setLtp("58801", new BigDecimal("96.60")); // the stop triggers and fills at its limit
        AgentHarness.await().until(() -> "COMPLETE".equals(state(orderNo, "status")));
    }

    @Test
    void aStopThatWouldTriggerAtOnceOrIsOffTheGridIsDeniedBeforeAnyOrder() {
        String[][] cases = {
            {
                BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL\", \"LimitPrice\": 95, \"TriggerPrice\": 94}"),
                "leg 0 (NIFTY 2026-01-27 26000 CE): TriggerPrice 94 is at or below the last price 95 of "
                        + "NIFTY26JAN26000CE: a BUY stop would trigger at once"
            },
            {
                BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL\", \"LimitPrice\": 97, \"TriggerPrice\": 96.03}"),
                "leg 0 (NIFTY 2026-01-27 26000 CE): TriggerPrice 96.03 is not on the tick grid of 0.05 for "
                        + "NIFTY26JAN26000CE"
            },
            {
                BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL\", \"LimitPrice\": 95.5, \"TriggerPrice\": 96}"),
                "leg 0: LimitPrice 95.5 is below TriggerPrice 96: a BUY stop-loss limit must be at or above its trigger"
            },
            {
                BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL-M\"}"),
                "leg 0: TriggerPrice is required for a SL-M order"
            },
            {
                BUY_CE_MARKET.replace("}", ", \"ExecutionType\": \"SL\", \"TriggerPrice\": 96}"),
                "leg 0: LimitPrice is required for a SL order"
            },
        };
        for (String[] c : cases) {
            write("PLACE_SINGLE", "SINGLE_LEG", "[" + c[0] + "]", "STATUS_SINGLE");
            assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("FAILED");
            assertThat(h.hget(UID, "MSG_SINGLE")).isEqualTo(c[1]);
        }
        assertThat(calls("/quick/order/rule/ms/place")).isEmpty();
    }

    @Test
    void anSlmIsSentAsAnSlWithAProtectiveLimitOneBandBeyondItsTrigger() {
        // SELL stop below the last price 95; option band for 10-100 is 3 %: 90 - 2.70 = 87.30
        String orderNo = place(BUY_CE_MARKET
                .replace("\"Side\": \"BUY\"", "\"Side\": \"SELL\"")
                .replace("}", ", \"ExecutionType\": \"SL-M\", \"TriggerPrice\": 90}"));

        JsonNode sent = calls("/quick/order/rule/ms/place").get(0).jData();
        assertThat(sent.get("pt").asText())
                .as("Kotak refuses SL-M from API sessions")
                .isEqualTo("SL");
        assertThat(new BigDecimal(sent.get("tp").asText())).isEqualByComparingTo("90");
        assertThat(new BigDecimal(sent.get("pr").asText())).isEqualByComparingTo("87.30");
        AgentHarness.await().until(() -> "TRIGGER_PENDING".equals(state(orderNo, "status")));
    }

    // ---- what the broker says

    @Test
    void kotaksRefusalOfAFinishedOrderIsAClearFailure() {
        String orderNo = place(BUY_CE_LIMIT_90);
        h.kotak.failNext(
                CANCEL,
                dev.neoagent.testing.FakeKotakServer.Fault.http(
                        200,
                        "{\"stCode\":1021,\"errMsg\":\"order is completed\",\"stat\":\"please provide valid order number\"}"));

        assertThat(cancel("{\"order_no\": \"" + orderNo + "\"}")).isEqualTo("FAILED");

        assertThat(h.hget(UID, "MSG_CANCEL"))
                .isEqualTo("cancel of order " + orderNo + " refused: order is completed (Kotak 1021)");
        assertThat(calls(CANCEL)).as("never sent again").hasSize(1);
    }

    @Test
    void aLostModifyReplyIsSettledFromTheOrderStateWhenTheChangeHappened() {
        String orderNo = place(BUY_CE_LIMIT_90);
        h.kotak.failNext(MODIFY, dev.neoagent.testing.FakeKotakServer.Fault.disconnectAfterAccept());

        assertThat(modify("{\"order_no\": \"" + orderNo + "\", \"price\": 92}")).isEqualTo("SUCCESS");

        assertThat(h.hget(UID, "MSG_MODIFY"))
                .isEqualTo("Order " + orderNo + " modified: limit, qty 65, price 92 "
                        + "(confirmed from the order state)");
        assertThat(calls(MODIFY)).as("never sent again").hasSize(1);
    }

    @Test
    void aLostReplyWhoseChangeNeverShowsIsUnknownAndNotSentAgain() {
        String orderNo = place(BUY_CE_LIMIT_90);
        h.kotak.failNext(MODIFY, dev.neoagent.testing.FakeKotakServer.Fault.http500Bare());
        h.kotak.failNext(CANCEL, dev.neoagent.testing.FakeKotakServer.Fault.http500Bare());

        assertThat(modify("{\"order_no\": \"" + orderNo + "\", \"price\": 92}")).isEqualTo("UNKNOWN");
        assertThat(h.hget(UID, "MSG_MODIFY"))
                .startsWith("outcome UNKNOWN for the modify of order " + orderNo)
                .contains("It was not sent again");
        assertThat(cancel("{\"order_no\": \"" + orderNo + "\"}")).isEqualTo("UNKNOWN");
        assertThat(result("RESULT_CANCEL").get("outcome").asText()).isEqualTo("UNKNOWN");

        assertThat(calls(MODIFY)).hasSize(1);
        assertThat(calls(CANCEL)).hasSize(1);
        assertThat(fakeOrder(orderNo).status()).isEqualTo("open");
    }

    // ---- kill switch

    @Test
    void gettingOutWorksWhileTradingIsHaltedAndAddingDoesNot() {
        String open = place(BUY_CE_LIMIT_90);
        String other = place(BUY_CE_LIMIT_90.replace("90}", "89}"));
        String filled = place(BUY_CE_MARKET);
        AgentHarness.await().until(() -> "COMPLETE".equals(state(filled, "status")));
        h.hset(UID, "TRADING_HALTED", "1");

        write("PLACE_SINGLE", "SINGLE_LEG", "[" + BUY_CE_MARKET + "]", "STATUS_SINGLE");
        assertThat(awaitFinal("STATUS_SINGLE")).isEqualTo("FAILED");
        assertThat(modify("{\"order_no\": \"" + open + "\", \"qty\": 130}")).isEqualTo("FAILED");
        assertThat(h.hget(UID, "MSG_MODIFY")).contains("is new exposure");
        assertThat(calls(MODIFY)).isEmpty();

        assertThat(modify("{\"order_no\": \"" + open + "\", \"price\": 85}"))
                .as("a modify that adds nothing still works")
                .isEqualTo("SUCCESS");
        assertThat(cancel("{\"order_no\": \"" + open + "\"}")).isEqualTo("SUCCESS");
        write("EXIT_ALL", null, null, "STATUS_EXIT_ALL");
        assertThat(awaitFinal("STATUS_EXIT_ALL"))
                .as(h.hget(UID, "MSG_EXIT_ALL"))
                .isEqualTo("SUCCESS");
        assertThat(fakeOrder(other).status()).isEqualTo("cancelled");
        assertThat(h.kotak.orders(UCC)).filteredOn(o -> o.side().equals("S")).hasSize(1);
    }
}
