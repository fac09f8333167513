package dev.neoagent.broker.kotak;

import static dev.neoagent.broker.kotak.KotakNeoAdapterTest.catchBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.domain.Validity;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stop orders on the wire, and modify and cancel end to end against the fake: the documented key sets, Kotak's
 * refusals because of the order's state (1021, 1006), and lost replies, which are never sent again.
 */
class KotakOrderChangesTest {
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final String MODIFY = "/quick/order/vr/modify";
    private static final String CANCEL = "/quick/order/cancel";
    private static final TradingSymbol NIFTY_PE = new TradingSymbol("NIFTY2692221000PE"); // LTP 120.50, token 56526

    private FakeKotakServer server;
    private FakeUser user;
    private KotakNeoAdapter broker;

    @BeforeEach
    void start() {
        server = FakeKotakServer.start();
        user = server.addUser("AB123");
        broker = FakeBroker.adapter(server, user);
        broker.login();
    }

    @AfterEach
    void stop() {
        broker.close();
        server.close();
    }

    private static OrderRequest stopLimit(Side side, String limit, String trigger, String tag) {
        return new OrderRequest(
                Segment.NSE_FO,
                NIFTY_PE,
                side,
                65,
                OrderType.STOP_LIMIT,
                Optional.of(new BigDecimal(limit)),
                Optional.of(new BigDecimal(trigger)),
                Product.NRML,
                Validity.DAY,
                new OrderTag(tag),
                false);
    }

    private BrokerOrderId restingLimit(String tag) {
        return broker.placeOrder(OrderRequest.limit(
                        Segment.NSE_FO, NIFTY_PE, Side.BUY, 65, new BigDecimal("100"), Product.NRML, new OrderTag(tag)))
                .orderId();
    }

    private BrokerOrderId filledMarket(String tag) {
        return broker.placeOrder(
                        OrderRequest.market(Segment.NSE_FO, NIFTY_PE, Side.BUY, 65, Product.NRML, new OrderTag(tag)))
                .orderId();
    }

    private Order order(BrokerOrderId id) {
        return broker.orderBook().stream()
                .filter(o -> o.orderId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static OrderModification newLimit(Order order, String price) {
        return new OrderModification(
                order,
                order.quantity(),
                OrderType.LIMIT,
                Optional.of(new BigDecimal(price)),
                Optional.empty(),
                Validity.DAY);
    }

    // ---- the wire ----

    @Test
    void aStopLimitIsSentWithItsTriggerInTpAndItsLimitInPr() {
        BrokerOrderId id = broker.placeOrder(stopLimit(Side.SELL, "99.50", "100.00", "sl1-0"))
                .orderId();

        assertThat(server.requestsTo(PLACE).get(0).rawJData())
                .isEqualTo("{\"am\": \"NO\", \"dq\": \"0\", \"es\": \"nse_fo\", \"mp\": \"0\", \"pc\": \"NRML\", "
                        + "\"pr\": \"99.5\", \"pt\": \"SL\", \"qt\": \"65\", \"rt\": \"DAY\", \"tp\": \"100\", "
                        + "\"ts\": \"NIFTY2692221000PE\", \"tt\": \"S\", \"ig\": \"sl1-0\", \"os\": \"NEOTRADEAPI\"}");
        Order pending = order(id);
        assertThat(pending.status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(pending.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(pending.price()).isEqualByComparingTo("99.50");
        assertThat(pending.triggerPrice()).isEqualByComparingTo("100");
    }

    @Test
    void aStopMarketIsStillWrittenSlM() {
        // the agent never sends one (Kotak refuses SL-M from API sessions); whoever does gets Kotak's code
        broker.placeOrder(new OrderRequest(
                Segment.NSE_FO,
                NIFTY_PE,
                Side.SELL,
                65,
                OrderType.STOP_MARKET,
                Optional.empty(),
                Optional.of(new BigDecimal("100")),
                Product.NRML,
                Validity.DAY,
                new OrderTag("slm1-0"),
                false));

        var jData = server.requestsTo(PLACE).get(0).jData();
        assertThat(jData.get("pt").asText()).isEqualTo("SL-M");
        assertThat(jData.get("pr").asText()).isEqualTo("0");
        assertThat(jData.get("tp").asText()).isEqualTo("100");
    }

    @Test
    void modifySendsTheDocumentedKeySetTheUnchangedFieldsFromTheOrder() {
        BrokerOrderId id =
                broker.placeOrder(stopLimit(Side.SELL, "99.50", "100", "sl2-0")).orderId();
        Order pending = order(id);

        broker.modifyOrder(new OrderModification(
                pending,
                130,
                OrderType.STOP_LIMIT,
                Optional.of(new BigDecimal("109.00")),
                Optional.of(new BigDecimal("110.00")),
                Validity.DAY));

        assertThat(server.requestsTo(MODIFY).get(0).rawJData())
                .isEqualTo("{\"tk\": \"56526\", \"mp\": \"0\", \"pc\": \"NRML\", \"dd\": \"NA\", \"dq\": \"0\", "
                        + "\"vd\": \"DAY\", \"ts\": \"NIFTY2692221000PE\", \"tt\": \"S\", \"pr\": \"109\", "
                        + "\"tp\": \"110\", \"qt\": \"130\", \"no\": \"" + id.value() + "\", \"es\": \"nse_fo\", "
                        + "\"pt\": \"SL\", \"am\": \"NO\", \"os\": \"NEOTRADEAPI\"}");
        Order modified = order(id);
        assertThat(modified.status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(modified.quantity()).isEqualTo(130);
        assertThat(modified.price()).isEqualByComparingTo("109");
        assertThat(modified.triggerPrice()).isEqualByComparingTo("110");
    }

    @Test
    void modifyingAStopIntoALimitSendsNoTriggerAndTheOrderFillsWhenMarketable() {
        BrokerOrderId id =
                broker.placeOrder(stopLimit(Side.SELL, "99.50", "100", "sl3-0")).orderId();

        broker.modifyOrder(newLimit(order(id), "120.00"));

        var jData = server.requestsTo(MODIFY).get(0).jData();
        assertThat(jData.get("pt").asText()).isEqualTo("L");
        assertThat(jData.get("pr").asText()).isEqualTo("120");
        assertThat(jData.get("tp").asText()).isEqualTo("0");
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
    }

    // ---- refusals because of the order's state ----

    @Test
    void modifyOrCancelOfACompleteOrderIsRejectedWithKotaksTextAndCode1021() {
        BrokerOrderId id = filledMarket("c1-0");
        Order complete = order(id);

        BrokerException modify = catchBroker(() -> broker.modifyOrder(newLimit(complete, "121")));
        BrokerException cancel = catchBroker(() -> broker.cancelOrder(id));

        for (BrokerException e : new BrokerException[] {modify, cancel}) {
            assertThat(e).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
                assertThat(r.code()).contains(1021);
                assertThat(r.brokerMessage()).isEqualTo("order is completed (Kotak 1021)");
            });
        }
        assertThat(server.requestsTo(MODIFY)).hasSize(1);
        assertThat(server.requestsTo(CANCEL)).hasSize(1);
    }

    @Test
    void modifyOrCancelOfACancelledOrderIsRejectedWithKotaksTextAndCode1006() {
        BrokerOrderId id = restingLimit("c2-0");
        Order open = order(id);
        broker.cancelOrder(id);

        BrokerException cancel = catchBroker(() -> broker.cancelOrder(id));
        BrokerException modify = catchBroker(() -> broker.modifyOrder(newLimit(open, "101")));

        assertThat(cancel).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
            assertThat(r.code()).contains(1006);
            assertThat(r.brokerMessage()).isEqualTo("Order already cancelled or not found. (Kotak 1006)");
        });
        assertThat(modify).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
            assertThat(r.code()).contains(1006);
            assertThat(r.brokerMessage()).isEqualTo("Order cannot be modified as it is already executed. (Kotak 1006)");
        });
    }

    @Test
    void cancelOfARejectedOrUnknownOrderIsRejectedWithCode1006() {
        server.rejectNextOrderAfterAck("RMS:Margin Exceeds");
        BrokerOrderId rejected = restingLimit("c3-0");

        BrokerException ofRejected = catchBroker(() -> broker.cancelOrder(rejected));
        BrokerException ofUnknown = catchBroker(() -> broker.cancelOrder(new BrokerOrderId("260101999999999")));

        for (BrokerException e : new BrokerException[] {ofRejected, ofUnknown}) {
            assertThat(e).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
                assertThat(r.code()).contains(1006);
                assertThat(r.brokerMessage()).isEqualTo("Order already cancelled or not found. (Kotak 1006)");
            });
        }
    }

    @Test
    void otherRefusalsOfAModifyAndA1006OnPlaceAreLeftAsKotakWroteThem() {
        BrokerOrderId id = restingLimit("c4-0");
        server.failNext(MODIFY, Fault.apiReject(1009, "Invalid quantity"));
        BrokerException modify = catchBroker(() -> broker.modifyOrder(newLimit(order(id), "101")));
        server.failNext(PLACE, Fault.apiReject(1006, "Invalid exchange"));
        BrokerException place = catchBroker(() -> restingLimit("c5-0"));

        assertThat(modify).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
            assertThat(r.code()).contains(1009);
            assertThat(r.brokerMessage()).isEqualTo("Invalid quantity");
        });
        assertThat(place).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
            assertThat(r.code()).contains(1006);
            assertThat(r.brokerMessage()).isEqualTo("Invalid exchange");
        });
    }

    // ---- lost replies: outcome unknown, never sent again, settled from the order state ----

    @Test
    void aModifyWhoseReplyIsLostIsUnknownNotResentAndTheBookShowsItApplied() {
        BrokerOrderId id = restingLimit("l1-0");
        Order open = order(id);
        server.failNext(MODIFY, Fault.disconnectAfterAccept());

        BrokerException e = catchBroker(() -> broker.modifyOrder(newLimit(open, "101.50")));

        assertThat(e).isInstanceOf(BrokerException.OutcomeUnknown.class).hasMessageContaining("may or may not");
        assertThat(server.requestsTo(MODIFY)).hasSize(1);
        assertThat(order(id).price()).isEqualByComparingTo("101.50");
        assertThat(order(id).statusText()).isEqualTo("open");
    }

    @Test
    void aCancelWhoseReplyIsLostIsUnknownNotResentAndTheBookShowsItApplied() {
        BrokerOrderId id = restingLimit("l2-0");
        server.failNext(CANCEL, Fault.disconnectAfterAccept());

        BrokerException e = catchBroker(() -> broker.cancelOrder(id));

        assertThat(e).isInstanceOf(BrokerException.OutcomeUnknown.class);
        assertThat(server.requestsTo(CANCEL)).hasSize(1);
        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aModifyOrCancelAnsweredTooLateIsUnknownAndNotResent() {
        BrokerOrderId modified = restingLimit("l3-0");
        BrokerOrderId cancelled = restingLimit("l4-0");
        Order open = order(modified);
        KotakNeoAdapter impatient = FakeBroker.adapter(
                server, user, FakeBroker.settings(server).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        try {
            impatient.login(); // the fake keeps one session per user: from here on, only this adapter's is live
            server.failNext(MODIFY, Fault.delay(Duration.ofSeconds(2)));
            server.failNext(CANCEL, Fault.delay(Duration.ofSeconds(2)));

            BrokerException modify = catchBroker(() -> impatient.modifyOrder(newLimit(open, "102")));
            BrokerException cancel = catchBroker(() -> impatient.cancelOrder(cancelled));

            assertThat(modify).isInstanceOf(BrokerException.OutcomeUnknown.class);
            assertThat(cancel).isInstanceOf(BrokerException.OutcomeUnknown.class);
            assertThat(server.requestsTo(MODIFY)).hasSize(1);
            assertThat(server.requestsTo(CANCEL)).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(order(modified).price()).isEqualByComparingTo("102");
                assertThat(order(cancelled).status()).isEqualTo(OrderStatus.CANCELLED);
            });
        } finally {
            impatient.close();
        }
    }

    @Test
    void aBareGatewayErrorOnModifyOrCancelIsUnknownAndNotResent() {
        BrokerOrderId id = restingLimit("l5-0");
        Order open = order(id);
        server.failNext(MODIFY, Fault.http500Bare());
        server.failNext(CANCEL, Fault.http(504, "<html>Gateway Timeout</html>"));

        BrokerException modify = catchBroker(() -> broker.modifyOrder(newLimit(open, "101")));
        BrokerException cancel = catchBroker(() -> broker.cancelOrder(id));

        assertThat(modify).isInstanceOf(BrokerException.OutcomeUnknown.class);
        assertThat(cancel).isInstanceOf(BrokerException.OutcomeUnknown.class);
        assertThat(server.requestsTo(MODIFY)).hasSize(1);
        assertThat(server.requestsTo(CANCEL)).hasSize(1);
    }

    @Test
    void kotaksOwnTryAgainCodesOnModifyOrCancelAreTransientAndNotRetried() {
        BrokerOrderId id = restingLimit("t1-0");
        Order open = order(id);
        server.failNext(MODIFY, Fault.http500Kotak());
        server.failNext(CANCEL, Fault.http(429, "{\"stat\":\"Not_Ok\",\"emsg\":\"Too many requests\",\"stCode\":429}"));

        BrokerException modify = catchBroker(() -> broker.modifyOrder(newLimit(open, "101")));
        BrokerException cancel = catchBroker(() -> broker.cancelOrder(id));

        assertThat(modify).isInstanceOf(BrokerException.Transient.class);
        assertThat(cancel).isInstanceOf(BrokerException.Transient.class);
        assertThat(server.requestsTo(MODIFY)).hasSize(1);
        assertThat(server.requestsTo(CANCEL)).hasSize(1);
        assertThat(order(id).statusText()).isEqualTo("open");
        assertThat(order(id).price()).isEqualByComparingTo("100");
    }

    @Test
    void anExpiredSessionOnCancelLogsInAgainAndSendsItOnceMore() {
        BrokerOrderId id = restingLimit("s1-0");
        server.expireSessions(SessionExpiry.STCODE_1003);

        broker.cancelOrder(id);

        assertThat(server.requestsTo(CANCEL)).hasSize(2);
        assertThat(server.loginCount("AB123")).isEqualTo(2);
        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
    }
}
