package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.domain.Validity;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of the adapter against the fake Kotak server over real HTTP. */
class KotakNeoAdapterTest {
    private static final TradingSymbol NIFTY_PE = new TradingSymbol("NIFTY2692221000PE");

    private FakeKotakServer server;
    private FakeUser user;
    private KotakNeoAdapter broker;

    @BeforeEach
    void start() {
        server = FakeKotakServer.start();
        user = server.addUser("AB123");
        broker = FakeBroker.adapter(server, user);
    }

    @AfterEach
    void stop() {
        broker.close();
        server.close();
    }

    private static OrderRequest limitBuy(String tag, int qty, String price) {
        return OrderRequest.limit(
                Segment.NSE_FO, NIFTY_PE, Side.BUY, qty, new BigDecimal(price), Product.NRML, new OrderTag(tag));
    }

    @Test
    void loginSendsTotpThenMpinWithTheDocumentedHeadersAndBodies() {
        broker.login();

        RecordedCall login = server.requestsTo("/login/1.0/tradeApiLogin").get(0);
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.path()).isEqualTo("/login/1.0/tradeApiLogin");
        assertThat(login.header("Authorization")).isEqualTo(user.consumerKey());
        assertThat(login.header("neo-fin-key")).isEqualTo("neotradeapi");
        assertThat(login.header("Content-Type")).startsWith("application/json");
        assertThat(login.body())
                .matches("\\{\"mobileNumber\": \"\\+91\\d{10}\", \"ucc\": \"AB123\", \"totp\": \"\\d{6}\"}");

        RecordedCall validate = server.requestsTo("/login/1.0/tradeApiValidate").get(0);
        assertThat(validate.header("Authorization")).isEqualTo(user.consumerKey());
        assertThat(validate.header("sid")).isNotBlank();
        assertThat(validate.header("Auth")).isNotBlank();
        assertThat(validate.header("neo-fin-key")).isEqualTo("neotradeapi");
        assertThat(validate.body()).isEqualTo("{\"mpin\": \"" + user.mpin() + "\"}");

        assertThat(broker.hasSession()).isTrue();
        assertThat(server.loginCount("AB123")).isEqualTo(1);
    }

    /**
     * An agent that loses a user drops the account's session while a login may be under way on the user's feed thread:
     * the login must not bring the session back once it ends (one session per account from this system).
     */
    @Test
    void aSessionForgottenWhileALoginIsUnderWayStaysForgotten() throws Exception {
        // a read timeout well beyond the delay: the login must succeed, only late
        KotakNeoAdapter patient = FakeBroker.adapter(
                server,
                user,
                FakeBroker.settings(server)
                        .withTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(20)));
        try {
            server.failNext(
                    "/login/1.0/tradeApiValidate", FakeKotakServer.Fault.delay(java.time.Duration.ofMillis(1500)));
            java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread login = Thread.ofPlatform().start(() -> {
                try {
                    patient.login();
                } catch (RuntimeException e) {
                    failed.set(e);
                }
            });
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() ->
                            !server.requestsTo("/login/1.0/tradeApiValidate").isEmpty());

            patient.forgetSession(); // the MPIN step has been sent and not answered yet
            // and it did not wait for the login: the agent forgets from the thread that renews its lease
            assertThat(login.isAlive()).isTrue();

            login.join(30_000);
            assertThat(failed.get()).isNull();
            assertThat(patient.loginCount()).as("the login succeeded").isEqualTo(1);
            assertThat(patient.hasSession()).as("and its session was not kept").isFalse();
        } finally {
            patient.close();
        }
    }

    @Test
    void placeSendsTheExactWireFormatToTheBaseUrlWithItsPathPrefix() {
        var ack = broker.placeOrder(limitBuy("cmd42-0", 65, "120.50"));

        RecordedCall place = server.requestsTo("/quick/order/rule/ms/place").get(0);
        assertThat(place.path()).isEqualTo("/gw/e43/quick/order/rule/ms/place");
        assertThat(place.query()).isNull();
        assertThat(place.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(place.header("Auth")).isNotBlank();
        assertThat(place.header("Sid")).isNotBlank();
        assertThat(place.header("neo-fin-key")).isEqualTo("neotradeapi");
        assertThat(place.header("accept")).isEqualTo("application/json");
        assertThat(place.header("Authorization")).isEqualTo(user.consumerKey());
        assertThat(place.body()).startsWith("jData=%7B%22am%22%3A+%22NO%22%2C+");
        assertThat(place.rawJData())
                .isEqualTo(
                        "{\"am\": \"NO\", \"dq\": \"0\", \"es\": \"nse_fo\", \"mp\": \"0\", "
                                + "\"pc\": \"NRML\", \"pr\": \"120.5\", \"pt\": \"L\", \"qt\": \"65\", \"rt\": \"DAY\", \"tp\": \"0\", "
                                + "\"ts\": \"NIFTY2692221000PE\", \"tt\": \"B\", \"ig\": \"cmd42-0\", \"os\": \"NEOTRADEAPI\"}");
        JsonNode jData = place.jData();
        jData.properties()
                .forEach(field -> assertThat(field.getValue().isTextual())
                        .as("jData value of %s is a string", field.getKey())
                        .isTrue());

        assertThat(ack.orderId().value()).matches("\\d{15}");
    }

    @Test
    void booksPositionsAndLimitsAgreeWithWhatWasPlaced() {
        Limits before = broker.limits();
        var filled = broker.placeOrder(
                OrderRequest.market(Segment.NSE_FO, NIFTY_PE, Side.BUY, 130, Product.NRML, new OrderTag("cmd1-0")));
        var resting = broker.placeOrder(limitBuy("cmd2-0", 65, "100.00")); // below LTP 120.50: stays open

        List<Order> book = broker.orderBook();
        Order market = book.stream()
                .filter(o -> o.orderId().equals(filled.orderId()))
                .findFirst()
                .orElseThrow();
        assertThat(market.tag()).contains(new OrderTag("cmd1-0"));
        assertThat(market.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(market.filledQuantity()).isEqualTo(130);
        assertThat(market.averagePrice()).isEqualByComparingTo("120.50");
        Order open = book.stream()
                .filter(o -> o.orderId().equals(resting.orderId()))
                .findFirst()
                .orElseThrow();
        assertThat(open.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(open.pendingQuantity()).isEqualTo(65);

        List<Order> history = broker.orderHistory(filled.orderId());
        assertThat(history.get(0).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(history).extracting(Order::orderId).containsOnly(filled.orderId());

        List<Trade> trades = broker.tradeBook();
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.orderId()).isEqualTo(filled.orderId());
            assertThat(t.quantity()).isEqualTo(130);
            assertThat(t.tag()).contains(new OrderTag("cmd1-0"));
        });

        List<Position> positions = broker.positions();
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(NIFTY_PE);
            assertThat(p.netQuantity()).isEqualTo(130);
            assertThat(p.averageBuyPrice()).isEqualByComparingTo("120.50");
        });

        Limits after = broker.limits();
        BigDecimal spent = new BigDecimal("120.50")
                .multiply(BigDecimal.valueOf(130))
                .add(new BigDecimal("100.00").multiply(BigDecimal.valueOf(65)));
        assertThat(after.marginUsed()).isEqualByComparingTo(before.marginUsed().add(spent));
        assertThat(after.available()).isEqualByComparingTo(before.available().subtract(spent));
    }

    @Test
    void modifyAndCancelAnOpenOrder() {
        var ack = broker.placeOrder(limitBuy("cmd3-0", 65, "100.00"));
        Order open = broker.orderBook().get(0);

        broker.modifyOrder(new OrderModification(
                open, 130, OrderType.LIMIT, Optional.of(new BigDecimal("101.5")), Optional.empty(), Validity.DAY));
        JsonNode modify = server.requestsTo("/quick/order/vr/modify").get(0).jData();
        assertThat(modify.get("no").asText()).isEqualTo(ack.orderId().value());
        assertThat(modify.get("qt").asText()).isEqualTo("130");
        assertThat(modify.get("pr").asText()).isEqualTo("101.5");
        assertThat(modify.get("vd").asText()).isEqualTo("DAY");
        assertThat(modify.get("ts").asText()).isEqualTo("NIFTY2692221000PE");
        assertThat(broker.orderBook().get(0).quantity()).isEqualTo(130);

        broker.cancelOrder(ack.orderId());
        assertThat(server.requestsTo("/quick/order/cancel").get(0).rawJData())
                .isEqualTo("{\"on\": \"" + ack.orderId().value() + "\", \"am\": \"NO\"}");
        assertThat(broker.orderBook().get(0).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void cancellingACompletedOrderIsAFinalRejection() {
        var ack = broker.placeOrder(
                OrderRequest.market(Segment.NSE_FO, NIFTY_PE, Side.BUY, 65, Product.NRML, new OrderTag("cmd4-0")));
        BrokerException e = catchBroker(() -> broker.cancelOrder(ack.orderId()));
        assertThat(e)
                .isInstanceOfSatisfying(
                        BrokerException.Rejected.class,
                        r -> assertThat(r.code()).contains(1021));
    }

    @Test
    void brokerRejectionOfAnOrderCarriesKotakCodeAndText() {
        server.failNext("/quick/order/rule/ms/place", FakeKotakServer.Fault.apiReject(1004, "Insufficient balance."));
        BrokerException e = catchBroker(() -> broker.placeOrder(limitBuy("cmd5-0", 65, "120")));
        assertThat(e).isInstanceOfSatisfying(BrokerException.Rejected.class, r -> {
            assertThat(r.code()).contains(1004);
            assertThat(r.brokerMessage()).isEqualTo("Insufficient balance.");
        });
    }

    @Test
    void rmsRejectionAfterAcceptanceShowsInTheOrderBook() {
        server.failNext("/quick/order/rule/ms/place", FakeKotakServer.Fault.rmsReject("RMS:Margin Exceeds"));
        var ack = broker.placeOrder(limitBuy("cmd6-0", 65, "120"));
        Order order = broker.orderBook().stream()
                .filter(o -> o.orderId().equals(ack.orderId()))
                .findFirst()
                .orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectReason()).contains("RMS:Margin Exceeds");
    }

    @Test
    void holdingsAndReportHeaders() {
        broker.placeOrder(OrderRequest.market(
                Segment.NSE_CM, new TradingSymbol("RELIANCE-EQ"), Side.BUY, 3, Product.CNC, new OrderTag("cnc1-0")));

        var holdings = broker.holdings();
        assertThat(holdings).singleElement().satisfies(h -> {
            assertThat(h.segment()).isEqualTo(Segment.NSE_CM);
            assertThat(h.token()).contains(new dev.neoagent.domain.InstrumentToken("2885"));
            assertThat(h.quantity()).isEqualTo(3);
            assertThat(h.averagePrice()).isEqualByComparingTo("2900.00");
        });
        RecordedCall holdingsCall = server.requestsTo("/portfolio/v1/holdings").get(0);
        assertThat(holdingsCall.path()).isEqualTo("/gw/e43/portfolio/v1/holdings");
        assertThat(holdingsCall.header("accept")).isEqualTo("*/*");

        broker.orderBook();
        RecordedCall book = server.requestsTo("/quick/user/orders").get(0);
        assertThat(book.method()).isEqualTo("GET");
        assertThat(book.header("accept")).isEqualTo("application/json");
        assertThat(book.header("neo-fin-key")).isEqualTo("neotradeapi");
        assertThat(book.header("Auth")).isNotBlank();
        assertThat(book.header("Sid")).isNotBlank();
        assertThat(book.header("Authorization"))
                .as("reports need no consumer key")
                .isNull();

        broker.limits();
        RecordedCall limits = server.requestsTo("/quick/user/limits").get(0);
        assertThat(limits.method()).isEqualTo("POST");
        assertThat(limits.body())
                .isEqualTo("jData=%7B%22seg%22%3A+%22ALL%22%2C+%22exch%22%3A+%22ALL%22%2C+%22prod%22%3A+%22ALL%22%7D");
    }

    @Test
    void indexQuotesByNameWithTheV2PathEncoding() {
        List<Quote> quotes = broker.quotes(List.of(QuoteKey.NIFTY_50, QuoteKey.NIFTY_BANK));

        assertThat(quotes.get(0).lastPrice()).isEqualByComparingTo("25980.35");
        assertThat(quotes.get(1).lastPrice()).isEqualByComparingTo("59120.10");
        RecordedCall call = server.requestsTo("/all").get(0);
        // no session yet: quotes go to the login host, with the consumer key only
        assertThat(call.path())
                .isEqualTo("/script-details/1.0/quotes/neosymbol/nse_cm%7CNifty%2050%2Cnse_cm%7CNifty%20Bank/all");
        assertThat(call.header("Authorization")).isEqualTo(user.consumerKey());
        assertThat(call.header("Auth")).isNull();
        assertThat(call.header("Sid")).isNull();
        assertThat(server.loginCount("AB123")).isZero();
    }

    @Test
    void instrumentQuoteByTokenUsesTheSessionHostOnceLoggedIn() {
        broker.login();
        Quote quote = broker.quotes(
                        List.of(QuoteKey.token(Segment.NSE_FO, new dev.neoagent.domain.InstrumentToken("56526"))))
                .get(0);
        assertThat(quote.lastPrice()).isEqualByComparingTo("120.50");
        assertThat(server.requestsTo("/all").get(0).path())
                .isEqualTo("/gw/e43/script-details/1.0/quotes/neosymbol/nse_fo%7C56526/all");
    }

    @Test
    void unknownInstrumentQuoteIsRejectedWithCode1009() {
        BrokerException e = catchBroker(() -> broker.quotes(List.of(QuoteKey.index(Segment.NSE_CM, "Nifty 5O"))));
        assertThat(e)
                .isInstanceOfSatisfying(
                        BrokerException.Rejected.class,
                        r -> assertThat(r.code()).contains(1009));
    }

    @Test
    void scripMasterListAndStreamedDownload() throws Exception {
        byte[] csv = "pSymbol,pExchSeg,pTrdSymbol\n56526,nse_fo,NIFTY2692221000PE\n".getBytes(StandardCharsets.UTF_8);
        server.setScripMasterFile("nse_fo.csv", csv);

        var files = broker.scripMasterFiles();
        var nseFo = files.forSegment("nse_fo").orElseThrow();
        try (InputStream in = broker.openScripMaster(nseFo)) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
        assertThat(server.requestsTo("/script-details/1.0/masterscrip/file-paths")
                        .get(0)
                        .header("Authorization"))
                .isEqualTo(user.consumerKey());
    }

    @Test
    void missingScripMasterFileIsATransientFailure() {
        var files = broker.scripMasterFiles();
        BrokerException e = catchBroker(
                () -> broker.openScripMaster(files.forSegment("mcx_fo").orElseThrow()));
        assertThat(e).isInstanceOf(BrokerException.Transient.class).hasMessageContaining("404");
    }

    static BrokerException catchBroker(Runnable call) {
        try {
            call.run();
        } catch (BrokerException e) {
            return e;
        }
        throw new AssertionError("expected a BrokerException");
    }
}
