package dev.neoagent.testing;

import static dev.neoagent.testing.KotakTestClient.placeFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.KotakTestClient.Resp;
import dev.neoagent.testing.KotakTestClient.Session;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Modify and cancel at the fake: the fill rule re-run on new terms, stops and their triggers, Kotak's refusals
 * (1021, 1006) in Kotak's exact shapes, and lost replies for changes the fake did make.
 */
class FakeKotakModifyCancelTest {
    private static final String MODIFY = "/quick/order/vr/modify";
    private static final String CANCEL = "/quick/order/cancel";
    private static final String NIFTY_PE = "NIFTY2692221000PE";
    private static final String TOKEN = "56526"; // LTP 120.50 at start

    private FakeKotakServer fake;
    private KotakTestClient client;
    private Session session;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        FakeUser user = fake.addUser("AB123");
        session = client.login(user);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private String place(String side, String priceType, String price, String trigger) {
        Map<String, String> fields = placeFields("nse_fo", NIFTY_PE, side, "65", priceType, price, "NRML", "t1");
        fields.put("tp", trigger);
        return client.placeOk(session, fields);
    }

    /** The v2 "order-id only" key set, in its order, as a client fills it from the book. */
    private Resp modify(String orderNo, String side, String priceType, String price, String trigger) {
        return client.post(
                session,
                MODIFY,
                "{\"tk\": \"" + TOKEN + "\", \"mp\": \"0\", \"pc\": \"NRML\", \"dd\": \"NA\", \"dq\": \"0\", "
                        + "\"vd\": \"DAY\", \"ts\": \"" + NIFTY_PE + "\", \"tt\": \"" + side + "\", \"pr\": \"" + price
                        + "\", \"tp\": \"" + trigger + "\", \"qt\": \"65\", \"no\": \"" + orderNo
                        + "\", \"es\": \"nse_fo\", \"pt\": \"" + priceType + "\"}");
    }

    private Resp cancel(String orderNo) {
        return client.post(session, CANCEL, "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}");
    }

    private FakeOrder order(String orderNo) {
        return fake.orders("AB123").stream()
                .filter(o -> o.orderNo().equals(orderNo))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode bookRow(String orderNo) {
        for (JsonNode row : client.get(session, "/quick/user/orders").json().get("data")) {
            if (row.get("nOrdNo").asText().equals(orderNo)) {
                return row;
            }
        }
        throw new AssertionError("no order " + orderNo + " in the book");
    }

    private static void assertAccepted(Resp resp, String orderNo) {
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.json().get("stat").asText()).as(resp.body()).isEqualTo("Ok");
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(200);
        assertThat(resp.json().get("nOrdNo").asText()).isEqualTo(orderNo);
    }

    // ---- the fill rule on new terms ----

    @Test
    void aTriggerPendingStopModifiedWaitsForItsNewTriggerThenFills() {
        String orderNo = place("S", "SL", "99", "100");
        assertThat(order(orderNo).status()).isEqualTo("trigger pending");

        assertAccepted(modify(orderNo, "S", "SL", "109", "110"), orderNo);

        assertThat(order(orderNo).status()).isEqualTo("trigger pending");
        assertThat(bookRow(orderNo).get("trgPrc").asText()).isEqualTo("110.00");
        assertThat(bookRow(orderNo).get("prc").asText()).isEqualTo("109.00");
        fake.setLtp(TOKEN, new BigDecimal("110.05")); // above the new trigger: a SELL stop waits
        assertThat(order(orderNo).status()).isEqualTo("trigger pending");
        fake.setLtp(TOKEN, new BigDecimal("109.95")); // through it (the old trigger, 100, is far below)
        FakeOrder filled = order(orderNo);
        assertThat(filled.status()).isEqualTo("complete");
        assertThat(filled.avgPrice()).isEqualByComparingTo("109");
        assertThat(fake.orderStatusHistory("AB123", orderNo))
                .containsSubsequence("trigger pending", "modified", "trigger pending", "open", "complete");
    }

    @Test
    void aStopModifiedIntoAMarketableLimitFillsAtOnce() {
        String orderNo = place("S", "SL", "99", "100");

        assertAccepted(modify(orderNo, "S", "L", "120", "0"), orderNo);

        FakeOrder filled = order(orderNo);
        assertThat(filled.priceType()).isEqualTo("L");
        assertThat(filled.status()).isEqualTo("complete");
        assertThat(filled.avgPrice()).isEqualByComparingTo("120");
    }

    @Test
    void aLimitModifiedIntoAStopWaitsForTheTriggerEvenWhenItsLimitIsMarketable() {
        String orderNo = place("B", "L", "100", "0");
        assertThat(order(orderNo).status()).isEqualTo("open");

        // BUY limit 126 is above the LTP (120.50): only the trigger (125) keeps it from filling
        assertAccepted(modify(orderNo, "B", "SL", "126", "125"), orderNo);

        assertThat(order(orderNo).status()).isEqualTo("trigger pending");
        assertThat(order(orderNo).filledQty()).isZero();
        fake.setLtp(TOKEN, new BigDecimal("125"));
        assertThat(order(orderNo).status()).isEqualTo("complete");
        assertThat(order(orderNo).avgPrice()).isEqualByComparingTo("126");
    }

    @Test
    void aStopThatHasTriggeredStaysWorkingWhenModified() {
        String orderNo = place("B", "SL", "121", "121");
        fake.setLtp(TOKEN, new BigDecimal("121.50")); // triggered; BUY limit 121 below the LTP: open
        assertThat(order(orderNo).status()).isEqualTo("open");

        // new trigger and limit above the LTP: a triggered order does not wait again, its limit is marketable now
        assertAccepted(modify(orderNo, "B", "SL", "125.50", "125"), orderNo);

        assertThat(order(orderNo).status()).as("not back to trigger pending").isEqualTo("complete");
        assertThat(order(orderNo).avgPrice()).isEqualByComparingTo("125.50");
        assertThat(fake.orderStatusHistory("AB123", orderNo)).endsWith("open", "modified", "open", "complete");
    }

    @Test
    void cancellingATriggerPendingStopCancelsIt() {
        String orderNo = place("S", "SL-M", "0", "100");

        assertAccepted(cancel(orderNo), orderNo);

        assertThat(order(orderNo).status()).isEqualTo("cancelled");
        assertThat(bookRow(orderNo).get("cnlQty").asInt()).isEqualTo(65);
        fake.setLtp(TOKEN, new BigDecimal("99"));
        assertThat(order(orderNo).status()).isEqualTo("cancelled");
    }

    // ---- refusals, in Kotak's shapes, changing nothing ----

    @Test
    void aCompleteOrderIsRefusedWith1021InKotaksExactShape() {
        String orderNo = place("B", "MKT", "0", "0");
        List<String> before = fake.orderStatusHistory("AB123", orderNo);
        String completed = "{\"stCode\":1021,\"errMsg\":\"order is completed\","
                + "\"stat\":\"please provide valid order number\"}";

        Resp modified = modify(orderNo, "B", "L", "121", "0");
        Resp cancelled = cancel(orderNo);

        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.body()).isEqualTo(completed);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).isEqualTo(completed);
        assertThat(fake.orderStatusHistory("AB123", orderNo)).isEqualTo(before);
    }

    @Test
    void aCancelledOrderIsRefusedWith1006() {
        String orderNo = place("B", "L", "100", "0");
        assertAccepted(cancel(orderNo), orderNo);
        List<String> before = fake.orderStatusHistory("AB123", orderNo);

        assertThat(cancel(orderNo).body())
                .isEqualTo("{\"stat\":\"Not_Ok\",\"emsg\":\"Order already cancelled or not found.\",\"stCode\":1006}");
        assertThat(modify(orderNo, "B", "L", "101", "0").body())
                .isEqualTo("{\"stat\":\"Not_Ok\",\"emsg\":\"Order cannot be modified as it is already executed.\","
                        + "\"stCode\":1006}");
        assertThat(fake.orderStatusHistory("AB123", orderNo)).isEqualTo(before);
    }

    @Test
    void aRejectedOrderIsRefusedWith1006() {
        fake.rejectNextOrderAfterAck("RMS:Margin Exceeds");
        String orderNo = place("B", "L", "100", "0");
        assertThat(order(orderNo).status()).isEqualTo("rejected");

        Resp cancelled = cancel(orderNo);
        Resp modified = modify(orderNo, "B", "L", "101", "0");

        assertThat(cancelled.json().get("stCode").asInt()).isEqualTo(1006);
        assertThat(cancelled.json().get("emsg").asText()).isEqualTo("Order already cancelled or not found.");
        assertThat(modified.json().get("stCode").asInt()).isEqualTo(1006);
        assertThat(modified.json().get("emsg").asText())
                .isEqualTo("Order cannot be modified as it is already executed.");
        assertThat(order(orderNo).status()).isEqualTo("rejected");
    }

    @Test
    void anUnknownOrderIsNotFound() {
        Resp cancelled = cancel("260101999999999");
        Resp modified = modify("260101999999999", "B", "L", "101", "0");

        for (Resp resp : List.of(cancelled, modified)) {
            assertThat(resp.json().get("stat").asText()).isEqualTo("Not_Ok");
            assertThat(resp.json().get("stCode").asInt()).isEqualTo(1006);
            assertThat(resp.json().get("emsg").asText()).isEqualTo("Order already cancelled or not found.");
        }
    }

    // ---- lost replies: the change is made, the client never hears of it ----

    @Test
    void aModifyWhoseReplyIsLostIsAppliedAtTheFake() {
        String orderNo = place("B", "L", "100", "0");
        fake.failNext(MODIFY, Fault.disconnectAfterAccept());

        assertThatThrownBy(() -> modify(orderNo, "B", "L", "101.50", "0")).isInstanceOf(UncheckedIOException.class);

        assertThat(fake.requestsTo(MODIFY)).hasSize(1);
        assertThat(order(orderNo).price()).isEqualByComparingTo("101.50");
        assertThat(bookRow(orderNo).get("ordSt").asText()).isEqualTo("open");
        assertThat(fake.orderStatusHistory("AB123", orderNo)).contains("modified");
    }

    @Test
    void aCancelWhoseReplyIsLostIsAppliedAtTheFake() {
        String orderNo = place("B", "L", "100", "0");
        fake.failNext(CANCEL, Fault.disconnectAfterAccept());

        assertThatThrownBy(() -> cancel(orderNo)).isInstanceOf(UncheckedIOException.class);

        assertThat(fake.requestsTo(CANCEL)).hasSize(1);
        assertThat(bookRow(orderNo).get("ordSt").asText()).isEqualTo("cancelled");
        // and a second cancel, as a client settling it blindly would send, is refused
        assertThat(cancel(orderNo).json().get("stCode").asInt()).isEqualTo(1006);
    }

    @Test
    void aCancelAnsweredAfterTheClientGaveUpIsAppliedAtTheFake() {
        String orderNo = place("B", "L", "100", "0");
        fake.failNext(CANCEL, Fault.delay(Duration.ofSeconds(1)));
        OkHttpClient impatient =
                client.http.newBuilder().readTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> impatient
                        .newCall(new Request.Builder()
                                .url(session.baseUrl() + CANCEL)
                                .header("Sid", session.sid())
                                .header("Auth", session.token())
                                .post(RequestBody.create(
                                        KotakTestClient.form("{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}"),
                                        KotakTestClient.FORM))
                                .build())
                        .execute())
                .isInstanceOf(InterruptedIOException.class);

        assertThat(order(orderNo).status()).isEqualTo("cancelled");
    }
}
