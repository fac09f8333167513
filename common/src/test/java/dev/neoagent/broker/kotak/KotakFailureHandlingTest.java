package dev.neoagent.broker.kotak;

import static dev.neoagent.broker.kotak.KotakNeoAdapterTest.catchBroker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error classes end to end: re-login once on session expiry, never resend an order, retry
 * reads a bounded number of times, stop on static-IP errors.
 */
class KotakFailureHandlingTest {
    private static final String PLACE = "/quick/order/rule/ms/place";

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

    private static OrderRequest order(String tag) {
        return OrderRequest.market(
                Segment.NSE_FO, new TradingSymbol("NIFTY2692221000PE"), Side.BUY, 65, Product.NRML, new OrderTag(tag));
    }

    private List<Order> ordersTagged(String tag) {
        return broker.orderBook().stream()
                .filter(o -> o.tag().map(OrderTag::value).orElse("").equals(tag))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(SessionExpiry.class)
    void expiredSessionOnAReadLogsInAgainOnceAndRepeatsTheCall(SessionExpiry style) {
        server.expireSessions(style);

        assertThat(broker.limits().available()).isPositive();

        assertThat(server.loginCount("AB123")).isEqualTo(2);
        assertThat(broker.reloginCount()).isEqualTo(1);
        assertThat(server.requestsTo("/quick/user/limits")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(SessionExpiry.class)
    void expiredSessionOnAnOrderIsRepeatedOnceBecauseTheGatewayRefusedIt(SessionExpiry style) {
        server.expireSessions(style);

        var ack = broker.placeOrder(order("exp1-0"));

        assertThat(server.requestsTo(PLACE)).hasSize(2);
        assertThat(server.loginCount("AB123")).isEqualTo(2);
        assertThat(ordersTagged("exp1-0"))
                .singleElement()
                .satisfies(o -> assertThat(o.orderId()).isEqualTo(ack.orderId()));
    }

    @Test
    void aSecondSessionExpiryRightAfterReloginIsNotLoopedOn() {
        server.failNext(PLACE, Fault.apiReject(1003, "Invalid session"));
        server.failNext(PLACE, Fault.apiReject(1003, "Invalid session"));

        BrokerException e = catchBroker(() -> broker.placeOrder(order("exp2-0")));

        assertThat(e).isInstanceOf(BrokerException.SessionExpired.class);
        assertThat(server.requestsTo(PLACE)).hasSize(2);
        assertThat(server.loginCount("AB123")).isEqualTo(2);
    }

    @Test
    void bareHttp500AfterSendingAnOrderIsUnknownAndNeverResent() {
        server.failNext(PLACE, Fault.http500Bare());

        BrokerException e = catchBroker(() -> broker.placeOrder(order("u1-0")));

        assertThat(e).isInstanceOf(BrokerException.OutcomeUnknown.class);
        assertThat(server.requestsTo(PLACE)).hasSize(1);
    }

    @Test
    void kotakInternalErrorOnAnOrderIsTransientAndNotRetried() {
        server.failNext(PLACE, Fault.http500Kotak());

        BrokerException e = catchBroker(() -> broker.placeOrder(order("t1-0")));

        assertThat(e).isInstanceOf(BrokerException.Transient.class);
        assertThat(server.requestsTo(PLACE)).hasSize(1);
        assertThat(ordersTagged("t1-0")).isEmpty();
    }

    @Test
    void rateLimitedOrderIsNotRetried() {
        server.failNext(PLACE, Fault.http(429, "{\"stat\":\"Not_Ok\",\"emsg\":\"Too many requests\",\"stCode\":429}"));

        BrokerException e = catchBroker(() -> broker.placeOrder(order("t2-0")));

        assertThat(e).isInstanceOf(BrokerException.Transient.class);
        assertThat(server.requestsTo(PLACE)).hasSize(1);
    }

    @Test
    void connectionDroppedAfterTheBrokerAcceptedIsUnknownAndTheOrderBookSettlesIt() {
        server.failNext(PLACE, Fault.disconnectAfterAccept());

        BrokerException e = catchBroker(() -> broker.placeOrder(order("drop1-0")));

        assertThat(e)
                .isInstanceOf(BrokerException.OutcomeUnknown.class)
                .hasMessageContaining("may or may not have acted");
        assertThat(server.requestsTo(PLACE)).hasSize(1);
        // the tag finds the order the broker did accept: this is how a caller settles it
        assertThat(ordersTagged("drop1-0")).hasSize(1);
    }

    @Test
    void timeoutAfterSendingAnOrderIsUnknownAndNeverResent() {
        KotakNeoAdapter impatient = FakeBroker.adapter(
                server, user, FakeBroker.settings(server).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        try {
            impatient.login();
            server.failNext(PLACE, Fault.delay(Duration.ofSeconds(2)));

            BrokerException e = catchBroker(() -> impatient.placeOrder(order("slow1-0")));

            assertThat(e).isInstanceOf(BrokerException.OutcomeUnknown.class);
            assertThat(server.requestsTo(PLACE)).hasSize(1);
        } finally {
            impatient.close();
        }
    }

    @Test
    void orderToAnUnreachableBrokerWasNeverSentSoItIsTransient() {
        okhttp3.OkHttpClient client = KotakNeoAdapter.newHttpClient();
        KotakNeoAdapter offline = FakeBroker.adapter(user, FakeBroker.settings(server), client);
        offline.login();
        server.close(); // nothing listens any more: the connection is refused before anything is sent
        client.connectionPool().evictAll();

        BrokerException e = catchBroker(() -> offline.placeOrder(order("off1-0")));

        assertThat(e).isInstanceOf(BrokerException.Transient.class);
        offline.close();
    }

    @Test
    void staticIpErrorsStopWithoutReloginLoops() {
        server.failNext(PLACE, Fault.staticIp100008());
        BrokerException first = catchBroker(() -> broker.placeOrder(order("ip1-0")));
        server.failNext(PLACE, Fault.staticIp1037());
        BrokerException second = catchBroker(() -> broker.placeOrder(order("ip2-0")));

        assertThat(first)
                .isInstanceOfSatisfying(
                        BrokerException.IpNotAllowed.class,
                        e -> assertThat(e.code()).isEqualTo(100008));
        assertThat(second)
                .isInstanceOfSatisfying(
                        BrokerException.IpNotAllowed.class,
                        e -> assertThat(e.code()).isEqualTo(1037));
        assertThat(server.loginCount("AB123")).isEqualTo(1);
        assertThat(server.requestsTo(PLACE)).hasSize(2);
    }

    @Test
    void transientReadFailuresAreRetriedABoundedNumberOfTimes() {
        server.failNext("/quick/user/orders", Fault.http500Bare());
        server.failNext("/quick/user/orders", Fault.http(503, ""));

        assertThat(broker.orderBook()).isEmpty();
        assertThat(server.requestsTo("/quick/user/orders")).hasSize(3);

        for (int i = 0; i < 3; i++) {
            server.failNext("/quick/user/positions", Fault.http500Kotak());
        }
        BrokerException e = catchBroker(() -> broker.positions());
        assertThat(e).isInstanceOf(BrokerException.Transient.class);
        assertThat(server.requestsTo("/quick/user/positions")).hasSize(3);
    }

    @Test
    void wrongMpinAndWrongTotpSecretAreAuthFailuresNamingTheStep() {
        FakeUser wrongMpin = new FakeUser(
                user.ucc(),
                user.consumerKey(),
                user.mobileNumber(),
                user.mpin().equals("000000") ? "111111" : "000000",
                user.totpSecretBase32());
        KotakNeoAdapter a = FakeBroker.adapter(server, wrongMpin);
        BrokerException mpin = catchBroker(a::login);
        a.close();
        assertThat(mpin)
                .isInstanceOfSatisfying(
                        BrokerException.AuthFailed.class,
                        e -> assertThat(e.step()).isEqualTo(BrokerException.AuthFailed.Step.MPIN_VALIDATE));
        assertThat(mpin.getMessage()).doesNotContain(wrongMpin.mpin());

        FakeUser wrongTotp = new FakeUser(
                user.ucc(), user.consumerKey(), user.mobileNumber(), user.mpin(), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        KotakNeoAdapter b = FakeBroker.adapter(server, wrongTotp);
        BrokerException totp = catchBroker(b::login);
        b.close();
        assertThat(totp)
                .isInstanceOfSatisfying(
                        BrokerException.AuthFailed.class,
                        e -> assertThat(e.step()).isEqualTo(BrokerException.AuthFailed.Step.TOTP_LOGIN));
    }
}
