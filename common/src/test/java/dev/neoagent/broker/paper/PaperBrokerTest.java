package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_FUT;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_PE;
import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.InstrumentToken;
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
import dev.neoagent.instruments.InstrumentLookup;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperBrokerTest {
    private static final BigDecimal CAPITAL = new BigDecimal("1000000");

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(TestInstruments.MORNING);
    private final TestInstruments instruments = new TestInstruments();
    private PaperMarket market;
    private PaperBroker broker;
    private int tags;

    @BeforeEach
    void open() {
        market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(7), clock);
        broker = open(PaperSettings.defaults());
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private PaperBroker open(PaperSettings settings) {
        return new PaperBroker("u1", market, instruments, new PaperStore(home.resolve("u1")), settings, clock);
    }

    private PaperBroker reopenWithCapital(String capital) {
        broker.close();
        broker = open(PaperSettings.defaults().withCapital(new BigDecimal(capital)));
        return broker;
    }

    private OrderTag nextTag() {
        return new OrderTag("c" + (++tags) + "L0S0");
    }

    private BrokerOrderId place(InstrumentMeta contract, Side side, int quantity) {
        return broker.placeOrder(OrderRequest.market(
                        contract.segment(), contract.tradingSymbol(), side, quantity, Product.NRML, nextTag()))
                .orderId();
    }

    private BrokerOrderId limit(InstrumentMeta contract, Side side, int quantity, String price) {
        return broker.placeOrder(OrderRequest.limit(
                        contract.segment(),
                        contract.tradingSymbol(),
                        side,
                        quantity,
                        new BigDecimal(price),
                        Product.NRML,
                        nextTag()))
                .orderId();
    }

    private Order order(BrokerOrderId id) {
        return broker.orderBook().stream()
                .filter(o -> o.orderId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static BigDecimal units(BigDecimal price, int quantity) {
        return price.multiply(BigDecimal.valueOf(quantity));
    }

    private static void assertRejected(ThrowingCallable call, int code, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BrokerException.Rejected.class, e -> {
            assertThat(e.code()).contains(code);
            assertThat(e.brokerMessage()).contains(text);
        });
    }

    private void setNifty(String level) {
        market.setSpot(PaperMarket.NIFTY, new BigDecimal(level));
    }

    // ---- fills ----

    @Test
    void marketBuyFillsAtOnceAtTheLastPriceWithTheTagEchoed() {
        BigDecimal last = market.lastPrice(NIFTY_CE);

        BrokerOrderId id = place(NIFTY_CE, Side.BUY, 130);

        assertThat(id.value()).matches("260120\\d{9}");
        Order order = order(id);
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order.statusText()).isEqualTo("complete");
        assertThat(order.tag()).contains(new OrderTag("c1L0S0"));
        assertThat(order.symbol()).isEqualTo(NIFTY_CE.tradingSymbol());
        assertThat(order.token()).contains(NIFTY_CE.token());
        assertThat(order.type()).isEqualTo(OrderType.MARKET);
        assertThat(order.quantity()).isEqualTo(130);
        assertThat(order.filledQuantity()).isEqualTo(130);
        assertThat(order.pendingQuantity()).isZero();
        assertThat(order.averagePrice()).isEqualByComparingTo(last);
        assertThat(order.price()).isEqualByComparingTo("0");
        assertThat(order.time()).contains(LocalDateTime.of(2026, 1, 20, 10, 0));

        List<Trade> trades = broker.tradeBook();
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.orderId()).isEqualTo(id);
            assertThat(t.tag()).contains(new OrderTag("c1L0S0"));
            assertThat(t.side()).isEqualTo(Side.BUY);
            assertThat(t.quantity()).isEqualTo(130);
            assertThat(t.price()).isEqualByComparingTo(last);
            assertThat(t.fillId()).isNotBlank();
        });
    }

    @Test
    void marketSellFillsAtTheLastPrice() {
        place(NIFTY_CE, Side.BUY, 65);
        setNifty("26050");
        BigDecimal last = market.lastPrice(NIFTY_CE);

        BrokerOrderId id = place(NIFTY_CE, Side.SELL, 65);

        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(last);
    }

    @Test
    void marketableLimitFillsAtTheLastPriceNotTheLimit() {
        BigDecimal last = market.lastPrice(NIFTY_CE);
        BrokerOrderId id =
                limit(NIFTY_CE, Side.BUY, 65, last.add(new BigDecimal("20")).toPlainString());

        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(last);
        assertThat(order(id).price()).isEqualByComparingTo(last.add(new BigDecimal("20")));
    }

    @Test
    void restingBuyLimitBlocksMarginAndFillsAtItsLimitOnceTheMarketComesDown() {
        BigDecimal last = market.lastPrice(NIFTY_CE);
        BigDecimal limit = last.subtract(new BigDecimal("30"));
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 130, limit.toPlainString());

        Order open = order(id);
        assertThat(open.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(open.pendingQuantity()).isEqualTo(130);
        assertThat(broker.tradeBook()).isEmpty();
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(units(limit, 130));

        setNifty("25880"); // not far enough
        assertThat(order(id).status()).isEqualTo(OrderStatus.OPEN);

        setNifty("25700"); // the premium falls through the limit
        assertThat(market.lastPrice(NIFTY_CE)).isLessThan(limit);
        Order filled = order(id);
        assertThat(filled.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(filled.averagePrice()).isEqualByComparingTo(limit);
        assertThat(broker.tradeBook())
                .singleElement()
                .satisfies(t -> assertThat(t.price()).isEqualByComparingTo(limit));
        // the order's block became the position's premium: same amount
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(units(limit, 130));
    }

    @Test
    void restingSellLimitFillsWhenTheRandomWalkReachesIt() {
        place(NIFTY_CE, Side.BUY, 65);
        BigDecimal target = market.lastPrice(NIFTY_CE).add(new BigDecimal("1.00"));
        BrokerOrderId id = limit(NIFTY_CE, Side.SELL, 65, target.toPlainString());
        assertThat(order(id).status()).isEqualTo(OrderStatus.OPEN);

        int ticks = 0;
        while (order(id).status() == OrderStatus.OPEN && ticks < 100_000) {
            market.tick();
            ticks++;
        }
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(target);
    }

    @Test
    void iocLimitThatCannotFillIsCancelled() {
        BigDecimal low = market.lastPrice(NIFTY_CE).subtract(new BigDecimal("50"));
        BrokerOrderId id = broker.placeOrder(new OrderRequest(
                        Segment.NSE_FO,
                        NIFTY_CE.tradingSymbol(),
                        Side.BUY,
                        65,
                        OrderType.LIMIT,
                        Optional.of(low),
                        Optional.empty(),
                        Product.NRML,
                        Validity.IOC,
                        nextTag(),
                        false))
                .orderId();

        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order(id).cancelledQuantity()).isEqualTo(65);
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo("0");
    }

    @Test
    void stopLossSellWaitsForItsTriggerThenSellsAtTheMarket() {
        place(NIFTY_CE, Side.BUY, 65);
        BigDecimal trigger = market.lastPrice(NIFTY_CE).subtract(new BigDecimal("40"));
        BrokerOrderId id = broker.placeOrder(new OrderRequest(
                        Segment.NSE_FO,
                        NIFTY_CE.tradingSymbol(),
                        Side.SELL,
                        65,
                        OrderType.STOP_MARKET,
                        Optional.empty(),
                        Optional.of(trigger),
                        Product.NRML,
                        Validity.DAY,
                        nextTag(),
                        false))
                .orderId();
        assertThat(order(id).status()).isEqualTo(OrderStatus.TRIGGER_PENDING);

        setNifty("25700");
        BigDecimal last = market.lastPrice(NIFTY_CE);
        assertThat(last).isLessThan(trigger);
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(last);
        assertThat(broker.orderHistory(id))
                .extracting(Order::statusText)
                .containsExactly("complete", "open", "trigger pending", "put order req received");
    }

    // ---- positions and funds ----

    @Test
    void positionsAndLimitsAfterBuyingTwoLotsAndSellingOne() {
        BigDecimal bought = market.lastPrice(NIFTY_CE);
        place(NIFTY_CE, Side.BUY, 130);

        Limits afterBuy = broker.limits();
        assertThat(afterBuy.marginUsed()).isEqualByComparingTo(units(bought, 130));
        assertThat(afterBuy.available()).isEqualByComparingTo(CAPITAL.subtract(units(bought, 130)));
        assertThat(afterBuy.collateralValue()).isEqualByComparingTo(CAPITAL);

        setNifty("26100");
        BigDecimal sold = market.lastPrice(NIFTY_CE);
        assertThat(sold).isGreaterThan(bought);
        place(NIFTY_CE, Side.SELL, 65);

        assertThat(broker.positions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(NIFTY_CE.tradingSymbol());
            assertThat(p.segment()).isEqualTo(Segment.NSE_FO);
            assertThat(p.token()).contains(NIFTY_CE.token());
            assertThat(p.product()).isEqualTo(Product.NRML);
            assertThat(p.lotSize()).isEqualTo(65);
            assertThat(p.buyQuantity()).isEqualTo(130);
            assertThat(p.sellQuantity()).isEqualTo(65);
            assertThat(p.netQuantity()).isEqualTo(65);
            assertThat(p.buyAmount()).isEqualByComparingTo(units(bought, 130));
            assertThat(p.sellAmount()).isEqualByComparingTo(units(sold, 65));
        });
        BigDecimal realised = units(sold.subtract(bought), 65);
        Limits afterSell = broker.limits();
        assertThat(afterSell.marginUsed()).isEqualByComparingTo(units(bought, 65)); // half the premium released
        assertThat(afterSell.available())
                .isEqualByComparingTo(CAPITAL.add(realised).subtract(units(bought, 65)));
        assertThat(afterSell.payIn()).isEqualByComparingTo("0");
        assertThat(afterSell.payOut()).isEqualByComparingTo("0");

        place(NIFTY_CE, Side.SELL, 65);
        assertThat(broker.positions())
                .singleElement()
                .satisfies(p -> assertThat(p.netQuantity()).isZero());
        BigDecimal last = market.lastPrice(NIFTY_CE);
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo("0");
        assertThat(broker.limits().available())
                .isEqualByComparingTo(CAPITAL.add(realised).add(units(last.subtract(bought), 65)));
    }

    @Test
    void writingAnOptionBlocksTwelvePercentOfTheUnderlyingNotional() {
        place(NIFTY_CE, Side.SELL, 65);

        BigDecimal margin =
                new BigDecimal("0.12").multiply(new BigDecimal("25900")).multiply(BigDecimal.valueOf(65));
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(margin); // 2,02,020
        assertThat(broker.positions())
                .singleElement()
                .satisfies(p -> assertThat(p.netQuantity()).isEqualTo(-65));

        setNifty("26500"); // short margin follows the market
        assertThat(broker.limits().marginUsed())
                .isEqualByComparingTo(
                        new BigDecimal("0.12").multiply(new BigDecimal("26500")).multiply(BigDecimal.valueOf(65)));
    }

    @Test
    void futuresAndStocksUseTheirOwnMargins() {
        place(NIFTY_FUT, Side.BUY, 65);
        BigDecimal future = market.lastPrice(NIFTY_FUT);
        assertThat(broker.limits().marginUsed())
                .isEqualByComparingTo(new BigDecimal("0.12").multiply(future).multiply(BigDecimal.valueOf(65)));

        BigDecimal stock = market.lastPrice(RELIANCE);
        broker.placeOrder(
                OrderRequest.market(Segment.NSE_CM, RELIANCE.tradingSymbol(), Side.BUY, 10, Product.CNC, nextTag()));
        assertThat(broker.limits().marginUsed())
                .isEqualByComparingTo(new BigDecimal("0.12")
                        .multiply(future)
                        .multiply(BigDecimal.valueOf(65))
                        .add(units(stock, 10)));
        assertThat(broker.positions()).hasSize(2);
        assertThat(broker.holdings()).isEmpty();
    }

    @Test
    void cancelReleasesTheBlockedMargin() {
        BigDecimal limit = market.lastPrice(NIFTY_CE).subtract(new BigDecimal("30"));
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 65, limit.toPlainString());
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(units(limit, 65));

        assertThat(broker.cancelOrder(id).orderId()).isEqualTo(id);

        Order cancelled = order(id);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancelledQuantity()).isEqualTo(65);
        assertThat(cancelled.pendingQuantity()).isZero();
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo("0");
        assertThat(broker.limits().available()).isEqualByComparingTo(CAPITAL);
        setNifty("25000");
        assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(broker.tradeBook()).isEmpty();
    }

    // ---- rejections ----

    @Test
    void insufficientFundsIsRefusedWithCode1004AndNothingIsRecorded() {
        reopenWithCapital("10000"); // two lots of a ~170 premium cost ~22,000

        assertRejected(() -> place(NIFTY_CE, Side.BUY, 130), 1004, "Insufficient balance.");

        assertThat(broker.orderBook()).isEmpty();
        assertThat(broker.limits().available()).isEqualByComparingTo("10000");
        assertRejected(() -> place(NIFTY_PE, Side.SELL, 65), 1004, "Insufficient balance."); // writing needs 2 lakh
    }

    @Test
    void exitsNeedNoMargin() {
        reopenWithCapital("12000");
        place(NIFTY_CE, Side.BUY, 65);
        assertThat(broker.limits().available()).isLessThan(new BigDecimal("2000"));

        BrokerOrderId exit = place(NIFTY_CE, Side.SELL, 65);

        assertThat(order(exit).status()).isEqualTo(OrderStatus.COMPLETE);
        // but selling more than is held writes options, and that needs funds
        place(NIFTY_CE, Side.BUY, 65);
        assertRejected(() -> place(NIFTY_CE, Side.SELL, 130), 1004, "Insufficient balance.");
    }

    @Test
    void quantityMustBeAWholeNumberOfLotsAndWithinTheFreeze() {
        assertRejected(
                () -> place(NIFTY_CE, Side.BUY, 100), 1009, "Invalid quantity: 100 is not a multiple of lot size 65");
        assertRejected(() -> place(NIFTY_CE, Side.BUY, 1820), 1009, "freeze quantity 1801");
        assertThat(broker.orderBook()).isEmpty();
    }

    @Test
    void unknownSymbolIsRefusedWithCode1007() {
        assertRejected(
                () -> broker.placeOrder(OrderRequest.market(
                        Segment.NSE_FO, new TradingSymbol("NIFTY99JAN1CE"), Side.BUY, 65, Product.NRML, nextTag())),
                1007,
                "Invalid symbol");
    }

    @Test
    void otherKotakLikeRefusals() {
        assertRejected(
                () -> broker.placeOrder(OrderRequest.market(
                        Segment.NSE_CM, NIFTY_CE.tradingSymbol(), Side.BUY, 65, Product.NRML, nextTag())),
                1006,
                "trades on nse_fo");
        assertRejected(
                () -> broker.placeOrder(OrderRequest.market(
                        Segment.NSE_FO, NIFTY_CE.tradingSymbol(), Side.BUY, 65, Product.CNC, nextTag())),
                1002,
                "CNC");
        assertRejected(
                () -> broker.placeOrder(OrderRequest.market(
                        Segment.NSE_FO, NIFTY_CE.tradingSymbol(), Side.BUY, 65, Product.BO, nextTag())),
                1002,
                "discontinued");
        assertRejected(() -> limit(NIFTY_CE, Side.BUY, 65, "100.03"), 1002, "not a multiple of tick 0.05");
        assertThat(broker.orderBook()).isEmpty();
    }

    @Test
    void aFillThatWouldOverdrawTheAccountIsRejectedByRms() {
        reopenWithCapital("250000");
        place(NIFTY_CE, Side.SELL, 65); // 2,02,020 of margin at 25,900
        BrokerOrderId cheap = limit(NIFTY_PE, Side.BUY, 65, "1.00"); // far below its premium: rests
        assertThat(order(cheap).status()).isEqualTo(OrderStatus.OPEN);

        setNifty("33000"); // the short's margin is now 2,57,400: more than the capital; the put is nearly worthless

        Order rejected = order(cheap);
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejectReason()).contains("RMS:Margin Exceeds");
        assertThat(rejected.cancelledQuantity()).isEqualTo(65);
        assertThat(broker.tradeBook()).hasSize(1);
        // closing the short is still allowed
        assertThat(order(place(NIFTY_CE, Side.BUY, 65)).status()).isEqualTo(OrderStatus.COMPLETE);
    }

    // ---- modify and cancel ----

    @Test
    void modifyMovesARestingOrderAndReblocksItsMargin() {
        BigDecimal last = market.lastPrice(NIFTY_CE);
        BigDecimal low = last.subtract(new BigDecimal("50"));
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 65, low.toPlainString());

        broker.modifyOrder(new OrderModification(
                order(id), 130, OrderType.LIMIT, Optional.of(low.add(BigDecimal.TEN)), Optional.empty(), Validity.DAY));

        Order modified = order(id);
        assertThat(modified.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(modified.statusText()).isEqualTo("modified");
        assertThat(modified.quantity()).isEqualTo(130);
        assertThat(modified.price()).isEqualByComparingTo(low.add(BigDecimal.TEN));
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(units(low.add(BigDecimal.TEN), 130));

        // to a marketable price: fills at once, at the last price
        broker.modifyOrder(new OrderModification(
                order(id),
                130,
                OrderType.LIMIT,
                Optional.of(last.add(BigDecimal.TEN)),
                Optional.empty(),
                Validity.DAY));
        assertThat(order(id).status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(order(id).averagePrice()).isEqualByComparingTo(last);
        assertThat(broker.orderHistory(id))
                .extracting(Order::statusText)
                .containsExactly("complete", "modified", "modified", "open", "put order req received");
    }

    @Test
    void modifyBeyondTheFundsIsRefusedAndLeavesTheOrderAsItWas() {
        reopenWithCapital("15000");
        BigDecimal low = market.lastPrice(NIFTY_CE).subtract(new BigDecimal("50"));
        BrokerOrderId id = limit(NIFTY_CE, Side.BUY, 65, low.toPlainString());
        Order before = order(id);

        assertRejected(
                () -> broker.modifyOrder(new OrderModification(
                        before, 650, OrderType.LIMIT, Optional.of(low), Optional.empty(), Validity.DAY)),
                1004,
                "Insufficient balance.");

        assertThat(order(id)).isEqualTo(before);
        assertThat(broker.limits().marginUsed()).isEqualByComparingTo(units(low, 65));
    }

    @Test
    void completedCancelledAndUnknownOrdersCannotBeChanged() {
        BrokerOrderId filled = place(NIFTY_CE, Side.BUY, 65);
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, "1.00");
        broker.cancelOrder(resting);
        BrokerOrderId unknown = new BrokerOrderId("260120999999999");

        Order cancelled = order(resting);

        // worded as the Kotak adapter words Kotak's refusals
        assertRefused(() -> broker.cancelOrder(filled), 1021, "order is completed (Kotak 1021)");
        assertRefused(
                () -> broker.modifyOrder(new OrderModification(
                        order(filled), 65, OrderType.MARKET, Optional.empty(), Optional.empty(), Validity.DAY)),
                1021,
                "order is completed (Kotak 1021)");
        assertRefused(() -> broker.cancelOrder(resting), 1006, "Order already cancelled or not found. (Kotak 1006)");
        assertRefused(
                () -> broker.modifyOrder(new OrderModification(
                        cancelled, 65, OrderType.LIMIT, Optional.of(BigDecimal.TWO), Optional.empty(), Validity.DAY)),
                1006,
                "Order cannot be modified as it is already executed. (Kotak 1006)");
        assertRefused(() -> broker.cancelOrder(unknown), 1006, "Order already cancelled or not found. (Kotak 1006)");
        assertThat(broker.orderHistory(unknown)).isEmpty();
        assertThat(order(resting)).isEqualTo(cancelled);
    }

    @Test
    void anOrderRejectedByRmsCannotBeChanged() {
        reopenWithCapital("250000");
        place(NIFTY_CE, Side.SELL, 65);
        BrokerOrderId cheap = limit(NIFTY_PE, Side.BUY, 65, "1.00");
        setNifty("33000"); // RMS rejects the resting buy when it would fill (see aFillThatWouldOverdraw...)
        Order rejected = order(cheap);
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);

        assertRefused(() -> broker.cancelOrder(cheap), 1006, "Order already cancelled or not found. (Kotak 1006)");
        assertRefused(
                () -> broker.modifyOrder(new OrderModification(
                        rejected, 65, OrderType.LIMIT, Optional.of(BigDecimal.TWO), Optional.empty(), Validity.DAY)),
                1006,
                "Order cannot be modified as it is already executed. (Kotak 1006)");
        assertThat(order(cheap)).isEqualTo(rejected);
    }

    private static void assertRefused(ThrowingCallable call, int code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BrokerException.Rejected.class, e -> {
            assertThat(e.code()).contains(code);
            assertThat(e.brokerMessage()).isEqualTo(message);
        });
    }

    @Test
    void historyIsNewestFirst() {
        BrokerOrderId id = place(NIFTY_CE, Side.BUY, 65);

        List<Order> history = broker.orderHistory(id);

        assertThat(history).extracting(Order::statusText).containsExactly("complete", "open", "put order req received");
        assertThat(history)
                .extracting(Order::status)
                .containsExactly(OrderStatus.COMPLETE, OrderStatus.OPEN, OrderStatus.PENDING);
        assertThat(history).allSatisfy(o -> assertThat(o.tag()).contains(new OrderTag("c1L0S0")));
    }

    // ---- restart ----

    @Test
    void aRestartedBrokerSeesTheSameBookPositionsAndFunds() {
        place(NIFTY_CE, Side.BUY, 130);
        setNifty("26050");
        place(NIFTY_CE, Side.SELL, 65);
        place(NIFTY_PE, Side.SELL, 65);
        BigDecimal low = market.lastPrice(NIFTY_CE).subtract(new BigDecimal("80"));
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, low.toPlainString());
        List<Order> book = broker.orderBook();
        List<Trade> trades = broker.tradeBook();
        List<Position> positions = broker.positions();
        Limits limits = broker.limits();
        List<Order> history = broker.orderHistory(resting);

        broker.close();
        broker = open(PaperSettings.defaults().withCapital(new BigDecimal("5"))); // capital of a new account only

        assertThat(broker.orderBook()).isEqualTo(book);
        assertThat(broker.tradeBook()).isEqualTo(trades);
        assertThat(broker.positions()).isEqualTo(positions);
        assertThat(broker.limits()).isEqualTo(limits);
        assertThat(broker.orderHistory(resting)).isEqualTo(history);

        // the resting order still works after the restart, and order numbers go on
        setNifty("25600");
        assertThat(order(resting).status()).isEqualTo(OrderStatus.COMPLETE);
        BrokerOrderId next = place(NIFTY_CE, Side.SELL, 65);
        assertThat(book).extracting(Order::orderId).doesNotContain(next);
        assertThat(Long.parseLong(next.value())).isGreaterThan(Long.parseLong(resting.value()));
    }

    @Test
    void aClosedBrokerNoLongerFollowsTheMarket() {
        assertThat(broker.hasSession()).isTrue();
        broker.login();
        BrokerOrderId resting = limit(NIFTY_CE, Side.BUY, 65, "1.00");

        broker.close();
        setNifty("20000");

        assertThat(broker.hasSession()).isFalse();
        assertThatThrownBy(broker::orderBook).isInstanceOf(IllegalStateException.class);
        broker = open(PaperSettings.defaults());
        assertThat(order(resting).status()).isEqualTo(OrderStatus.OPEN);
    }

    // ---- market data ----

    @Test
    void quotesForIndicesAndContracts() {
        setNifty("25987.65");

        List<Quote> quotes = broker.quotes(
                List.of(QuoteKey.NIFTY_50, QuoteKey.NIFTY_BANK, QuoteKey.token(Segment.NSE_FO, NIFTY_CE.token())));

        assertThat(quotes)
                .extracting(Quote::key)
                .containsExactly(
                        QuoteKey.NIFTY_50, QuoteKey.NIFTY_BANK, QuoteKey.token(Segment.NSE_FO, NIFTY_CE.token()));
        assertThat(quotes.get(0).lastPrice()).isEqualByComparingTo("25987.65");
        assertThat(quotes.get(0).updatedAt()).contains(TestInstruments.MORNING);
        assertThat(quotes.get(1).lastPrice()).isEqualByComparingTo("59000");
        assertThat(quotes.get(2).lastPrice()).isEqualByComparingTo(market.lastPrice(NIFTY_CE));
        assertThat(quotes.get(2).previousClose()).isPresent();
        assertThat(broker.quotes(List.of())).isEmpty();
    }

    @Test
    void unknownInstrumentsAreRefusedLikeKotakDoes() {
        assertRejected(
                () -> broker.quotes(List.of(QuoteKey.token(Segment.NSE_FO, new InstrumentToken("1")))),
                1009,
                "Invalid instrument/code");
        assertRejected(
                () -> broker.quotes(List.of(QuoteKey.index(Segment.NSE_CM, "Nifty Fin Service"))),
                1009,
                "Invalid instrument/code");
        assertRejected(
                () -> broker.quotes(List.of(QuoteKey.token(Segment.NSE_CM, NIFTY_CE.token()))),
                1009,
                "Invalid instrument/code");
    }

    @Test
    void aFailingInstrumentLookupMeansNothingWasDone() {
        InstrumentLookup down = new InstrumentLookup() {
            @Override
            public Optional<InstrumentMeta> byToken(Segment segment, InstrumentToken token) {
                throw new IllegalStateException("Redis is down");
            }

            @Override
            public Optional<InstrumentMeta> byTradingSymbol(TradingSymbol symbol) {
                throw new IllegalStateException("Redis is down");
            }
        };
        broker.close();
        broker = new PaperBroker(
                "u1", market, down, new PaperStore(home.resolve("u1")), PaperSettings.defaults(), clock);

        assertThatThrownBy(() -> place(NIFTY_CE, Side.BUY, 65))
                .isInstanceOf(BrokerException.Transient.class)
                .hasMessageContaining("Redis is down");
        assertThatThrownBy(() -> broker.quotes(List.of(QuoteKey.token(Segment.NSE_FO, NIFTY_CE.token()))))
                .isInstanceOf(BrokerException.Transient.class);
        assertThat(broker.quotes(List.of(QuoteKey.NIFTY_50))).hasSize(1);
        assertThat(broker.orderBook()).isEmpty();
    }

    @Test
    void thereIsNoScripMaster() {
        assertThatThrownBy(broker::scripMasterFiles).isInstanceOfSatisfying(BrokerException.Rejected.class, e -> {
            assertThat(e.code()).isEmpty();
            assertThat(e.brokerMessage()).contains("neo-bootstrap --paper");
        });
        assertThatThrownBy(() -> broker.openScripMaster(URI.create("https://example.com/nse_fo.csv")))
                .isInstanceOf(BrokerException.Rejected.class);
    }
}
