package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The market ticks on its own thread while a user's worker trades: the book stays consistent. */
class PaperBrokerConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ticksAndOrdersInterleaveSafely() throws Exception {
        MutableClock clock = new MutableClock(TestInstruments.MORNING);
        PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(3), clock);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (PaperBroker broker = new PaperBroker(
                "u1", market, new TestInstruments(), new PaperStore(dir), PaperSettings.defaults(), clock)) {
            Future<?> ticking = threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    market.tick();
                }
            });
            Future<Integer> trading = threads.submit(() -> {
                int accepted = 0;
                for (int i = 0; i < 60; i++) {
                    // limits a few ticks around the price: some fill at once, some rest and fill later
                    BigDecimal price = market.lastPrice(NIFTY_CE).add(new BigDecimal((i % 5 - 2) + ".00"));
                    Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                    BrokerOrderId id;
                    try {
                        id = broker.placeOrder(OrderRequest.limit(
                                        NIFTY_CE.segment(),
                                        NIFTY_CE.tradingSymbol(),
                                        side,
                                        65,
                                        price,
                                        Product.NRML,
                                        new OrderTag("c" + i + "L0S0")))
                                .orderId();
                        accepted++;
                    } catch (BrokerException.Rejected insufficientFunds) {
                        continue; // a sell beyond the long position writes options: 2 lakh a lot
                    }
                    if (i % 7 == 0) {
                        try {
                            broker.cancelOrder(id);
                        } catch (BrokerException.Rejected alreadyFilled) {
                            // the market thread got there first
                        }
                    }
                }
                return accepted;
            });
            int accepted = trading.get(50, TimeUnit.SECONDS);
            ticking.get(50, TimeUnit.SECONDS);

            List<Order> book = broker.orderBook();
            List<Trade> trades = broker.tradeBook();
            assertThat(accepted).isGreaterThan(20);
            assertThat(book).hasSize(accepted);
            assertThat(trades).hasSize((int) book.stream()
                    .filter(o -> o.status() == OrderStatus.COMPLETE)
                    .count());
            assertThat(trades).extracting(Trade::orderId).doesNotHaveDuplicates();
            assertThat(broker.limits().available()).isPositive();
            // a restart sees exactly what the live broker saw
            try (PaperBroker again = new PaperBroker(
                    "u1", market, new TestInstruments(), new PaperStore(dir), PaperSettings.defaults(), clock)) {
                assertThat(again.orderBook()).isEqualTo(book);
                assertThat(again.tradeBook()).isEqualTo(trades);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
