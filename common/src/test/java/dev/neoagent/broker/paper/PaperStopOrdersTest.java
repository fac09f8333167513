package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.MarketProtection;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop orders on paper (SL and SL-M wait in "trigger pending" until the last price reaches the trigger, then trade as
 * limit or market orders arriving) and the modify rules for them, on NIFTY 26000 CE priced from the simulated index.
 */
class PaperStopOrdersTest {
    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(TestInstruments.MORNING);
    private PaperMarket market;
    private PaperBroker broker;
    private int tags;

    /** The call's premium with NIFTY at 25,900 (the start), 25,850, 25,700, 25,950 and 26,100. */
    private BigDecimal atStart;

    private BigDecimal slightlyLower;
    private BigDecimal muchLower;
    private BigDecimal slightlyHigher;
    private BigDecimal higher;

    @BeforeEach
    void open() {
        market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(7), clock);
        broker = new PaperBroker(
                "u1",
                market,
                new TestInstruments(),
                new PaperStore(home.resolve("u1")),
                PaperSettings.defaults(),
                clock);
        slightlyLower = premiumAt("25850");
        muchLower = premiumAt("25700");
        slightlyHigher = premiumAt("25950");
        higher = premiumAt("26100");
        atStart = premiumAt("25900");
        assertThat(muchLower).isLessThan(slightlyLower).isGreaterThan(new BigDecimal("20"));
        assertThat(slightlyLower).isLessThan(atStart.subtract(new BigDecimal("5")));
        assertThat(slightlyHigher).isGreaterThan(atStart.add(new BigDecimal("5")));
        assertThat(higher).isGreaterThan(slightlyHigher.add(new BigDecimal("40")));
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private BigDecimal premiumAt(String nifty) {
        setNifty(nifty);
        return market.lastPrice(NIFTY_CE);
    }

    private void setNifty(String level) {
        market.setSpot(PaperMarket.NIFTY, new BigDecimal(level));
    }

    private OrderTag nextTag() {
        return new OrderTag("c" + (++tags) + "L0S0");
    }

    private BrokerOrderId place(Side side, OrderType type, BigDecimal price, BigDecimal trigger) {
        return broker.placeOrder(new OrderRequest(
                        NIFTY_CE.segment(),
                        NIFTY_CE.tradingSymbol(),
                        side,
                        65,
                        type,
                        Optional.ofNullable(price),
                        Optional.ofNullable(trigger),
                        Product.NRML,
                        Validity.DAY,
                        nextTag(),
                        false))
                .orderId();
    }

    private void modify(BrokerOrderId id, OrderType type, BigDecimal price, BigDecimal trigger) {
        broker.modifyOrder(new OrderModification(
                order(id), 65, type, Optional.ofNullable(price), Optional.ofNullable(trigger), Validity.DAY));
    }

    private Order order(BrokerOrderId id) {
        return broker.orderBook().stream()
                .filter(o -> o.orderId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static BigDecimal plus(BigDecimal price, String amount) {
        return price.add(new BigDecimal(amount));
    }

    // ---- stops at placement ----

    @Test
    void aBuyStopMarketWaitsForTheLastPriceToReachItsTriggerThenBuysAtTheMarket() {
        BrokerOrderId id = place(Side.BUY, OrderType.STOP_MARKET, null, plus(atStart, "20"));
        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(order(id).triggerPrice()).isEqualByComparingTo(plus(atStart, "20"));

        setNifty("25850"); // the wrong way
        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        setNifty("26100");

        Order filled = order(id);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(higher);
        assertThat(broker.orderHistory(id))
                .extracting(Order::statusText)
                .containsExactly("complete", "open", "trigger pending", "put order req received");
    }

    /** As the agent sends an SL-M: an SL whose limit is one protection band above the trigger. */
    private BrokerOrderId protectedBuyStop(BigDecimal trigger) {
        BigDecimal limit = MarketProtection.stopLimit(Side.BUY, trigger, NIFTY_CE.tick(), MarketProtection.Grid.OPTION);
        BrokerOrderId id = place(Side.BUY, OrderType.STOP_LIMIT, limit, trigger);
        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(order(id).price()).isEqualByComparingTo(limit);
        return id;
    }

    @Test
    void anSlMSentAsAStopLimitFillsAtTheMarketWhenTheMarketIsWithinTheBand() {
        BigDecimal trigger = plus(slightlyHigher, "-1");
        BrokerOrderId id = protectedBuyStop(trigger);

        setNifty("25950");

        assertThat(slightlyHigher).isBetween(trigger, order(id).price());
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(slightlyHigher);
    }

    @Test
    void anSlMSentAsAStopLimitThatTheMarketGapsPastRestsAtItsProtectiveLimit() {
        BrokerOrderId id = protectedBuyStop(plus(slightlyHigher, "-1"));
        BigDecimal limit = order(id).price();

        setNifty("26100"); // far beyond the band: triggered, but the BUY never pays more than its limit
        assertThat(higher).isGreaterThan(limit);
        assertThat(order(id).status()).isEqualTo(OrderStatus.OPEN);

        setNifty("25950"); // back below the limit: filled at it
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(limit);
    }

    @Test
    void aSellStopLimitTriggeredBeyondItsLimitRestsAtTheLimitUntilTheMarketComesBack() {
        BigDecimal trigger = plus(slightlyLower, "0.05");
        BigDecimal limit = plus(slightlyLower, "-5"); // above the premium at 25,700
        BrokerOrderId id = place(Side.SELL, OrderType.STOP_LIMIT, limit, trigger);
        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);

        setNifty("25700"); // through the trigger and through the limit: triggered, a SELL at limit > last rests
        assertThat(muchLower).isLessThan(limit);
        Order resting = order(id);
        assertThat(resting.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(resting.statusText()).isEqualTo("open");
        assertThat(resting.filledQuantity()).isZero();

        setNifty("25900"); // back above the limit: the resting SELL fills at its own price
        Order filled = order(id);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(limit);
    }

    @Test
    void aStopLimitWhoseLimitIsMarketableWhenTriggeredTradesAtTheLastPrice() {
        BigDecimal trigger = plus(slightlyLower, "0.05");
        BrokerOrderId id = place(Side.SELL, OrderType.STOP_LIMIT, plus(muchLower, "-1"), trigger);

        setNifty("25850");

        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(slightlyLower);
    }

    @Test
    void cancellingATriggerPendingStopCancelsItAndReleasesItsMargin() {
        BrokerOrderId id = place(Side.BUY, OrderType.STOP_LIMIT, plus(atStart, "25"), plus(atStart, "20"));
        assertThat(broker.limits().marginUsed()).isPositive();

        broker.cancelOrder(id);

        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order(id).cancelledQuantity()).isEqualTo(65);
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo("0");
        setNifty("26100");
        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    // ---- modify re-runs the fill rule ----

    @Test
    void aTriggerPendingStopModifiedWaitsForItsNewTrigger() {
        BrokerOrderId id = place(Side.SELL, OrderType.STOP_MARKET, null, plus(muchLower, "-5"));

        modify(id, OrderType.STOP_MARKET, null, plus(slightlyLower, "0.05"));

        Order pending = order(id);
        assertThat(pending.status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        assertThat(pending.triggerPrice()).isEqualByComparingTo(plus(slightlyLower, "0.05"));
        setNifty("25850"); // reaches the new trigger only
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(slightlyLower);
        assertThat(broker.orderHistory(id))
                .extracting(Order::statusText)
                .containsExactly(
                        "complete", "open", "trigger pending", "modified", "trigger pending", "put order req received");
    }

    @Test
    void aTriggerPendingStopModifiedIntoAMarketableLimitFillsAtOnce() {
        BrokerOrderId id = place(Side.SELL, OrderType.STOP_MARKET, null, plus(muchLower, "-5"));

        modify(id, OrderType.LIMIT, plus(atStart, "-5"), null);

        Order filled = order(id);
        assertThat(filled.type()).isEqualTo(OrderType.LIMIT);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(atStart);
        assertThat(filled.triggerPrice()).isEqualByComparingTo("0");
    }

    @Test
    void aLimitModifiedIntoAStopWaitsForItsTriggerEvenWithAMarketableLimit() {
        BrokerOrderId id = place(Side.BUY, OrderType.LIMIT, plus(atStart, "-50"), null);
        assertThat(order(id).status()).isEqualTo(OrderStatus.OPEN);

        // BUY limit above the last price: marketable, but the trigger is not reached yet
        modify(id, OrderType.STOP_LIMIT, plus(slightlyHigher, "1"), plus(slightlyHigher, "-1"));

        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);
        setNifty("25950");
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(slightlyHigher);
    }

    @Test
    void aStopThatHasTriggeredKeepsWorkingWhenModified() {
        // BUY SL triggered on the way up, its limit left behind by the market: it rests, triggered
        BigDecimal trigger = plus(atStart, "5");
        BrokerOrderId id = place(Side.BUY, OrderType.STOP_LIMIT, trigger, trigger);
        setNifty("26100");
        assertThat(order(id).status()).isEqualTo(OrderStatus.OPEN);

        // new terms beyond the last price: a triggered order does not wait again, its limit is marketable now
        modify(id, OrderType.STOP_LIMIT, plus(higher, "15"), plus(higher, "10"));

        Order filled = order(id);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(higher);
    }
}
