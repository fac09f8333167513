package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KotakRateLimitTest {

    @Test
    @Timeout(30)
    void oneLimiterPerAccountMakesOrdersWaitAndDropsNone() throws Exception {
        try (FakeKotakServer server = FakeKotakServer.start()) {
            var user = server.addUser("RL1");
            // 5 per second: the login (2 calls) and 14 orders need at least three full windows.
            KotakNeoAdapter broker =
                    FakeBroker.adapter(server, user, FakeBroker.settings(server).withRequestsPerSecond(5));
            long start = System.nanoTime();
            broker.login();
            List<Future<OrderAck>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 14; i++) {
                    String tag = "rl" + i;
                    results.add(pool.submit(() -> broker.placeOrder(OrderRequest.market(
                            Segment.NSE_FO,
                            new TradingSymbol("NIFTY2692221000PE"),
                            Side.BUY,
                            65,
                            Product.NRML,
                            new OrderTag(tag)))));
                }
            }
            for (Future<OrderAck> result : results) {
                assertThat(result.get().orderId().value()).isNotBlank();
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(server.orders("RL1")).hasSize(14);
            assertThat(elapsedMs).as("16 requests at 5/s").isGreaterThanOrEqualTo(3000);
            assertThat(broker.rateLimitWaits()).isGreaterThan(0);
            broker.close();
        }
    }

    @Test
    @Timeout(30)
    void accountsDoNotShareALimiter() throws Exception {
        try (FakeKotakServer server = FakeKotakServer.start()) {
            KotakNeoAdapter a = FakeBroker.adapter(
                    server, server.addUser("RLA"), FakeBroker.settings(server).withRequestsPerSecond(2));
            KotakNeoAdapter b = FakeBroker.adapter(
                    server, server.addUser("RLB"), FakeBroker.settings(server).withRequestsPerSecond(2));
            a.login(); // uses up account A's two permits
            b.login(); // account B still has its own
            assertThat(b.rateLimitWaits()).isZero();
            a.close();
            b.close();
        }
    }
}
