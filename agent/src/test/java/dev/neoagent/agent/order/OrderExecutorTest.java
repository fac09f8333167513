package dev.neoagent.agent.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.state.OrderWatch;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.instruments.InstrumentMeta;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order path's two promises about what the broker did (redis-contract.md §2.2): hedge by fill (a SELL goes only
 * after every BUY before it is filled in full) and acknowledged is not accepted (a rejection inside the confirmation
 * window answers as a rejection). The broker is a recording stub and the order state a scripted {@link OrderWatch};
 * the same paths against the fake Kotak server and its order feed are in the integration tests.
 */
class OrderExecutorTest {
    private static final Instant NOW = Instant.parse("2026-01-20T04:00:00Z");
    private static final OrderSettings FAST =
            new OrderSettings(Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofMillis(250), true);

    private static RedisTestServer redisServer;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    /** Everything that happened, in order: "place BUY NIFTY…", "finished? 1001", "settled? 1002". */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void redis() {
        redisServer = RedisTestServer.start();
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        client.shutdown();
        redisServer.close();
    }

    @Test
    void anOrderRejectedAfterItsAcknowledgementIsAnsweredAsRejected() {
        ScriptedWatch watch =
                new ScriptedWatch().state("1001", entry("1001", OrderStates.REJECTED, 0, "RMS:Margin Exceeds"));

        List<OrderResult> results = executor(watch).execute(id(), List.of(order(0, Side.BUY)), record(), r -> {});

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(result.message()).isEqualTo("Order rejected: RMS:Margin Exceeds (order 1001)");
            assertThat(result.orderNumber()).contains("1001");
        });
        assertThat(singleAnswer(results)).isEqualTo("Order rejected: RMS:Margin Exceeds (order 1001)");
    }

    @Test
    void anAcknowledgementWithNoRejectionInTheWindowIsPlaced() {
        ScriptedWatch watch = new ScriptedWatch(); // the broker says nothing

        long started = System.nanoTime();
        List<OrderResult> results = executor(watch).execute(id(), List.of(order(0, Side.SELL)), record(), r -> {});

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(Outcome.DONE);
            assertThat(result.message()).isEqualTo("Order Placed: 1001");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("waited the confirmation window, not longer than a generous bound")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBuyRejectedAfterItsAcknowledgementStopsTheSell() {
        ScriptedWatch watch =
                new ScriptedWatch().state("1001", entry("1001", OrderStates.REJECTED, 0, "RMS:Rule: margin exceeds"));

        List<OrderResult> results =
                executor(watch).execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(events).filteredOn(e -> e.startsWith("place")).containsExactly("place BUY NIFTY26JAN26000CE");
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(results.get(0).message()).isEqualTo("Order rejected: RMS:Rule: margin exceeds (order 1001)");
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(results.get(1).message())
                .isEqualTo("not sent: BUY leg 0 (NIFTY26JAN26000CE, order 1001) was rejected: RMS:Rule: margin exceeds;"
                        + " a SELL must not go out without its hedge");
    }

    @Test
    void theSellGoesOnlyAfterTheBuyIsFilled() {
        ScriptedWatch watch = new ScriptedWatch().state("1001", entry("1001", OrderStates.COMPLETE, 65, ""));

        List<OrderResult> results =
                executor(watch).execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(events)
                .containsSubsequence("place BUY NIFTY26JAN26000CE", "finished? 1001", "place SELL NIFTY26JAN26000CE");
        assertThat(results).extracting(OrderResult::outcome).containsExactly(Outcome.DONE, Outcome.DONE);
    }

    @Test
    void aBuyStillOpenAtTheHedgeTimeoutStopsTheSellAndStaysOpen() {
        ScriptedWatch watch = new ScriptedWatch().state("1001", entry("1001", OrderStates.OPEN, 0, ""));

        List<OrderResult> results =
                executor(watch).execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(events).filteredOn(e -> e.startsWith("place")).containsExactly("place BUY NIFTY26JAN26000CE");
        assertThat(results.get(0).outcome())
                .as("placed and open: nothing cancels it")
                .isEqualTo(Outcome.DONE);
        assertThat(results.get(1).message())
                .isEqualTo("not sent: BUY leg 0 (NIFTY26JAN26000CE, order 1001) is OPEN, 0 of 65 filled after 0.4 s;"
                        + " it stays open; a SELL must not go out without its hedge");
    }

    @Test
    void aPartlyFilledBuyStopsTheSell() {
        ScriptedWatch watch = new ScriptedWatch().state("1001", entry("1001", OrderStates.OPEN, 30, ""));

        List<OrderResult> results =
                executor(watch).execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(results.get(1).outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(results.get(1).message()).contains("is OPEN, 30 of 65 filled");
    }

    @Test
    void aBuyWithNoStateAtAllStopsTheSell() {
        List<OrderResult> results = executor(new ScriptedWatch())
                .execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(events).filteredOn(e -> e.startsWith("place")).hasSize(1);
        assertThat(results.get(1).message())
                .contains("BUY leg 0 (NIFTY26JAN26000CE, order 1001): no state from the broker within 0.4 s");
    }

    @Test
    void everyBuyMustBeFilledAndTheyShareOneTimeout() {
        ScriptedWatch watch = new ScriptedWatch()
                .state("1001", entry("1001", OrderStates.COMPLETE, 65, ""))
                .state("1002", entry("1002", OrderStates.OPEN, 0, ""));

        long started = System.nanoTime();
        List<OrderResult> results = executor(watch)
                .execute(id(), List.of(order(0, Side.BUY), order(1, Side.BUY), order(2, Side.SELL)), record(), r -> {});

        assertThat(results.get(2).message()).contains("BUY leg 1 (NIFTY26JAN26000CE, order 1002) is OPEN");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("one hedge timeout for all BUYs, plus the confirmation window")
                .isLessThan(Duration.ofMillis(400 + 300 + 2000));
    }

    @Test
    void aRejectedSellInTheConfirmationWindowIsARejection() {
        ScriptedWatch watch = new ScriptedWatch()
                .state("1001", entry("1001", OrderStates.COMPLETE, 65, ""))
                .state("1002", entry("1002", OrderStates.REJECTED, 0, "Exchange: price out of range"));

        List<OrderResult> results =
                executor(watch).execute(id(), List.of(order(0, Side.BUY), order(1, Side.SELL)), record(), r -> {});

        assertThat(results).extracting(OrderResult::outcome).containsExactly(Outcome.DONE, Outcome.REJECTED);
        assertThat(results.get(1).message()).isEqualTo("Order rejected: Exchange: price out of range (order 1002)");
        assertThat(events).contains("settled? 1002");
    }

    @Test
    void aRejectionAfterTheAcknowledgementIsWrittenToTheInFlightRecord() {
        ScriptedWatch watch = new ScriptedWatch().state("1001", entry("1001", OrderStates.REJECTED, 0, "RMS"));
        List<String> saved = new ArrayList<>();

        executor(watch).execute(id(), List.of(order(0, Side.BUY)), record(), r -> saved.add(r.toJson()));

        assertThat(saved.getLast()).contains("\"REJECTED\"").contains("1001");
    }

    // ---- helpers

    private OrderExecutor executor(OrderWatch watch) {
        return new OrderExecutor(
                "AB123", recordingBroker(), new AuditLog(connection.async()), Duration.ofMillis(10), 1, watch, FAST);
    }

    /** A broker that acknowledges every order with 1001, 1002, … and records it. */
    private BrokerAdapter recordingBroker() {
        int[] next = {1000};
        return (BrokerAdapter) Proxy.newProxyInstance(
                BrokerAdapter.class.getClassLoader(), new Class<?>[] {BrokerAdapter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("placeOrder")) {
                        OrderRequest request = (OrderRequest) args[0];
                        events.add("place " + request.side() + " "
                                + request.symbol().value());
                        return new OrderAck(new BrokerOrderId(Integer.toString(++next[0])));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An order watch answering from a script: each order's state, whenever asked. */
    private final class ScriptedWatch implements OrderWatch {
        private final Map<String, OrderStates.Entry> states = new HashMap<>();

        ScriptedWatch state(String orderNo, OrderStates.Entry entry) {
            states.put(orderNo, entry);
            return this;
        }

        @Override
        public Optional<OrderStates.Entry> awaitSettled(String orderNo, Duration within) throws InterruptedException {
            events.add("settled? " + orderNo);
            return answer(orderNo, within, e -> !e.status().equals(OrderStates.PENDING));
        }

        @Override
        public Optional<OrderStates.Entry> awaitFinished(String orderNo, Duration within) throws InterruptedException {
            events.add("finished? " + orderNo);
            return answer(orderNo, within, e -> !e.isOpen());
        }

        /** Like the real watch: the state at once when it is what was asked for, else after waiting it out. */
        private Optional<OrderStates.Entry> answer(
                String orderNo, Duration within, Function<OrderStates.Entry, Boolean> done)
                throws InterruptedException {
            OrderStates.Entry entry = states.get(orderNo);
            if (entry == null || !done.apply(entry)) {
                Thread.sleep(within); // the real watch would wait this long for a change that never comes
            }
            return Optional.ofNullable(entry);
        }

        @Override
        public Optional<OrderStates.Entry> known(String orderNo) {
            return Optional.ofNullable(states.get(orderNo));
        }

        @Override
        public Optional<OrderStates.Entry> awaitState(
                String orderNo, Duration within, java.util.function.Predicate<OrderStates.Entry> done)
                throws InterruptedException {
            return answer(orderNo, within, done::test);
        }

        @Override
        public List<OrderStates.Entry> ofRequest(String commandId) {
            return List.of();
        }
    }

    private static OrderStates.Entry entry(String orderNo, String status, int filled, String reason) {
        return new OrderStates.Entry(
                orderNo,
                Optional.empty(),
                Optional.empty(),
                "NIFTY26JAN26000CE",
                "BUY",
                65,
                filled,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                status,
                status.toLowerCase(java.util.Locale.ROOT),
                reason.isEmpty() ? Optional.empty() : Optional.of(reason),
                false,
                NOW);
    }

    private static PlannedOrder order(int leg, Side side) {
        InstrumentMeta contract = InstrumentMeta.parse(
                new InstrumentToken("58801"),
                "{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": \"2026-01-27\","
                        + " \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        return new PlannedOrder(leg, 0, contract, side, 65, OrderType.MARKET, Optional.empty(), Product.NRML);
    }

    private static CommandId id() {
        return CommandId.next(NOW);
    }

    private static InFlightRecord record() {
        return InFlightRecord.of(
                new ClaimedRequest(
                        "AB123",
                        RequestType.PLACE_MULTI,
                        id(),
                        Optional.of("[]"),
                        NOW,
                        Optional.empty(),
                        Optional.empty()),
                "agent-1");
    }

    private static String singleAnswer(List<OrderResult> results) {
        return dev.neoagent.agent.answer.Answers.summarise(RequestType.PLACE_SINGLE, results)
                .message();
    }
}
