package dev.neoagent.agent.bench;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.agent.spot.FeedSettings;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotFeedWriter;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.spot.SpotSource;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.state.OrderStateWriter;
import dev.neoagent.agent.state.UserOrders;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.broker.kotak.KotakCredentials;
import dev.neoagent.broker.kotak.KotakNeoAdapter;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.config.UserConfig;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.MarketIndex;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.OrderUpdate;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.TradingSymbol;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeMarketFeed;
import dev.neoagent.testing.FakeMarketFeed.Index;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live feeds' latencies (issue 11), each next to a baseline measured in the same run:
 *
 * <ol>
 *   <li>agent time, in process: the feed listener called as the feed's thread calls it, until Redis acknowledged
 *       the write (a tick: {@code MSET} of the spot; an order message: {@code HSET} of {@code NEO_ORDERS}); baseline:
 *       the same write alone;</li>
 *   <li>feed tick → {@code NF_SPOT} written, end to end: the fake SFeed sends an index packet, a keyspace notification says
 *       Redis has the value; baseline: the benchmark's own {@code SET} of a key to the same notification;</li>
 *   <li>feed tick crossing an armed level → the order on the wire at the fake, over 200 firings across 10 users;
 *       baseline: the same fake tick received by the benchmark's own feed connection, which POSTs at once;</li>
 *   <li>order-feed message → {@code NEO_ORDERS} updated: an order the fake pushes on the order feed to the
 *       notification of the hash's change; baseline: the benchmark's own {@code HSET} to its notification.</li>
 * </ol>
 *
 * Not part of {@code mvn verify}: {@code mvn -Pbenchmark -pl agent -am test -Dtest=FeedLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class FeedLatencyBenchmark {
    private static final int USERS = 10;
    private static final int WARMUP = 100;
    private static final int FIRINGS = 200;
    private static final int TICKS = 1000;
    private static final String LEGS =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}]";
    private static final String PLACE = "/quick/order/rule/ms/place";

    @TempDir
    Path home;

    @Test
    void feedLatencies() throws Exception {
        try (AgentHarness h = new AgentHarness(home)) {
            for (int i = 0; i < USERS; i++) {
                h.addUser("f" + i, new RiskLimits(50, 10_000));
            }
            h.settings(settings());
            FakeMarketFeed feed = h.kotak.marketFeed();
            AgentRuntime agent = h.startAgent();
            for (int i = 0; i < USERS; i++) {
                h.hset("f" + i, "LOGIN", "requested");
            }
            for (int i = 0; i < USERS; i++) {
                h.awaitField("f" + i, "LOGIN", "fetched");
            }
            AgentHarness.await().until(() -> feed.subscribers() == 1);

            inProcess(h);
            try (Notifications notifications = new Notifications(h)) {
                tickToSpot(h, feed, notifications);
                tickToOrder(h, agent, feed);
                orderFeedToState(h, notifications);
            }
        }
    }

    private static AgentSettings settings() {
        return new AgentSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                Duration.ofMillis(100),
                new SpotSettings(
                        true,
                        Optional.of("f0"),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        MarketHours.NSE,
                        Duration.ofSeconds(5)),
                new FeedSettings(true, Duration.ofSeconds(30)),
                OrderSettings.DEFAULTS);
    }

    // ---- agent time, in process: the listener called as the feed's thread calls it, until Redis has the write

    /**
     * The agent's own time for a tick and for an order message: from the call of the feed listener (as the feed's
     * reader thread makes it, once a frame is decoded) until Redis acknowledged the write it caused, one round trip
     * included. Baseline: a bare write of the same shape and its acknowledgement, on the same kind of connection.
     */
    private static void inProcess(AgentHarness h) throws Exception {
        RedisClient client = RedisClient.create(h.redisServer.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            CompletionClock writes = new CompletionClock();
            RedisAsyncCommands<String, String> timed = writes.wrap(connection.async());
            SpotFeedWriter writer = new SpotFeedWriter(
                    timed, new SpotSource(Duration.ofSeconds(2), Duration.ofSeconds(5)), tick -> {}, h.metrics);
            List<Long> spot = new ArrayList<>();
            List<Long> spotBaseline = new ArrayList<>();
            for (int i = 0; i < TICKS * 5 + WARMUP; i++) {
                long start = System.nanoTime();
                writer.onIndex(MarketIndex.NIFTY_50, new BigDecimal(25_000 + i % 500), Instant.now());
                long done = writes.awaitNext();
                long direct = System.nanoTime();
                connection
                        .async()
                        .mset(java.util.Map.of("BENCH_SPOT", "1", "BENCH_SPOT_TS", "2", "BENCH_SRC", "feed"))
                        .get();
                long directDone = System.nanoTime();
                if (i >= WARMUP) {
                    spot.add((done - start) / 1000);
                    spotBaseline.add((directDone - direct) / 1000);
                }
            }
            Latency.report("agent: onIndex -> MSET acknowledged", spot);
            Latency.report("baseline: bare MSET acknowledged", spotBaseline);
            System.out.printf(
                    Locale.ROOT,
                    "tick -> NF_SPOT agent time: p99 %.3f ms (target < 1), of which Redis RTT p99 %.3f ms%n",
                    Latency.percentile(spot, 99) / 1e3,
                    Latency.percentile(spotBaseline, 99) / 1e3);

            // the order feed's path: a full order message, applied and written (HSET, then the event's XADD)
            UserOrders orders = new UserOrders(
                    "BENCH",
                    noBroker(),
                    new OrderStateWriter(timed),
                    h.metrics,
                    OrderSettings.DEFAULTS,
                    Clock.systemUTC());
            orders.onConnection(true);
            List<Long> state = new ArrayList<>();
            List<Long> stateBaseline = new ArrayList<>();
            for (int i = 0; i < TICKS * 5 + WARMUP; i++) {
                Order order = order(i);
                long start = System.nanoTime();
                orders.onOrder(new OrderUpdate.Full(order));
                long done = writes.awaitNext(); // the HSET of NEO_ORDERS
                writes.awaitNext(); // the stream entry
                long direct = System.nanoTime();
                connection.async().hset("BENCH_ORDERS", "o" + i, "{}").get();
                long directDone = System.nanoTime();
                if (i >= WARMUP) {
                    state.add((done - start) / 1000);
                    stateBaseline.add((directDone - direct) / 1000);
                }
            }
            Latency.report("agent: onOrder -> NEO_ORDERS HSET acknowledged", state);
            Latency.report("baseline: bare HSET acknowledged", stateBaseline);
            System.out.printf(
                    Locale.ROOT,
                    "order message -> NEO_ORDERS agent time: p99 %.3f ms (target < 2), of which Redis RTT p99 %.3f ms%n",
                    Latency.percentile(state, 99) / 1e3,
                    Latency.percentile(stateBaseline, 99) / 1e3);
            orders.close();
        }
        client.shutdown();
    }

    /** Order {@code i} as the feed shows it: one new order per message, so every message is a change. */
    private static Order order(int i) {
        return new Order(
                new BrokerOrderId("2612070000" + (100_000 + i)),
                Optional.of(new OrderTag("CMK2ZQ0A1B2CL0S0")),
                new TradingSymbol("NIFTY26JAN26000CE"),
                Segment.NSE_FO,
                Optional.empty(),
                Side.BUY,
                Product.NRML,
                OrderType.LIMIT,
                65,
                0,
                65,
                0,
                new BigDecimal("90"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                OrderStatus.OPEN,
                "open",
                Optional.empty(),
                Optional.empty());
    }

    /** Nothing here calls the broker: the order feed is "up", so the order book is never read. */
    private static BrokerAdapter noBroker() {
        return (BrokerAdapter) Proxy.newProxyInstance(
                BrokerAdapter.class.getClassLoader(), new Class<?>[] {BrokerAdapter.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Wraps an async Redis connection: the time each write's reply arrives, in the order they were sent. */
    private static final class CompletionClock {
        private final BlockingQueue<Long> completions = new LinkedBlockingQueue<>();

        @SuppressWarnings("unchecked")
        RedisAsyncCommands<String, String> wrap(RedisAsyncCommands<String, String> async) {
            return (RedisAsyncCommands<String, String>) Proxy.newProxyInstance(
                    RedisAsyncCommands.class.getClassLoader(),
                    new Class<?>[] {RedisAsyncCommands.class},
                    (proxy, method, args) -> {
                        Object result = method.invoke(async, args);
                        if (result instanceof RedisFuture<?> future) {
                            future.whenComplete((value, error) -> completions.add(System.nanoTime()));
                        }
                        return result;
                    });
        }

        long awaitNext() throws InterruptedException {
            Long at = completions.poll(10, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("no write completed");
            }
            return at;
        }
    }

    // ---- 1: tick -> NF_SPOT

    private static void tickToSpot(AgentHarness h, FakeMarketFeed feed, Notifications notifications) throws Exception {
        List<Long> agent = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        try (StatefulRedisConnection<String, String> own =
                RedisClient.create(h.redisServer.url()).connect()) {
            for (int i = 0; i < TICKS + WARMUP; i++) {
                notifications.clear();
                long sent = System.nanoTime();
                feed.sendIndex(Index.NIFTY_50, new BigDecimal(25_000 + i % 500));
                long seen = notifications.await("NF_SPOT");
                long direct = System.nanoTime();
                own.sync().set("BENCH_SPOT", Integer.toString(i));
                long directSeen = notifications.await("BENCH_SPOT");
                if (i >= WARMUP) {
                    agent.add((seen - sent) / 1000);
                    baseline.add((directSeen - direct) / 1000);
                }
            }
        }
        Latency.report("fake tick -> NF_SPOT in Redis", agent);
        Latency.report("baseline: SET -> its notification", baseline);
        System.out.printf(
                Locale.ROOT,
                "tick -> NF_SPOT: agent time (p50 - baseline p50, websocket hop included) = %.3f ms, p99 - p99 = %.3f"
                        + " ms (target < 1)%n",
                (Latency.percentile(agent, 50) - Latency.percentile(baseline, 50)) / 1e3,
                (Latency.percentile(agent, 99) - Latency.percentile(baseline, 99)) / 1e3);
    }

    // ---- 2: tick crossing a level -> order at the fake

    private static void tickToOrder(AgentHarness h, AgentRuntime agent, FakeMarketFeed feed) throws Exception {
        fire(h, agent, feed, WARMUP);
        List<Long> firing = fire(h, agent, feed, FIRINGS);

        List<Long> baseline;
        try (Baseline direct = new Baseline(h, h.home)) {
            direct.run(feed, WARMUP);
            baseline = direct.run(feed, FIRINGS);
        }
        Latency.report("agent: feed tick -> order at the fake", firing);
        Latency.report("baseline: same tick -> direct POST", baseline);
        System.out.printf(
                Locale.ROOT,
                "tick -> order: agent p50 %.2f ms, p99 %.2f ms (target p99 < 5); baseline p50 %.2f ms, p99 %.2f ms%n",
                Latency.percentile(firing, 50) / 1e3,
                Latency.percentile(firing, 99) / 1e3,
                Latency.percentile(baseline, 50) / 1e3,
                Latency.percentile(baseline, 99) / 1e3);
    }

    /** Arms a CE level at 26100, ticks below it, then ticks across it; microseconds from the tick to the order. */
    private static List<Long> fire(AgentHarness h, AgentRuntime agent, FakeMarketFeed feed, int count) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uid = "f" + (i % USERS);
            h.hset(
                    uid,
                    "LEVEL_CE_TRIGGER",
                    "waiting",
                    "LEVEL_CE_LEVEL",
                    "26100",
                    "LEVEL_CE_INDEX",
                    "NIFTY",
                    "LEVEL_CE",
                    LEGS,
                    "STATUS_LEVEL_CE",
                    "WAITING");
            AgentHarness.await()
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> agent.isWatchingLevel(uid, LevelSide.CE));
            feed.sendIndex(Index.NIFTY_50, new BigDecimal("26050"));
            AgentHarness.await()
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> agent.levelPreviousSpot(uid, LevelSide.CE)
                            .map(spot -> spot.compareTo(new BigDecimal("26050")) == 0)
                            .orElse(false));
            int before = h.placeCalls();
            Instant sent = Instant.now();
            feed.sendIndex(Index.NIFTY_50, new BigDecimal("26150"));
            AgentHarness.await()
                    .pollDelay(Duration.ofMillis(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> "SUCCESS".equals(h.hget(uid, "STATUS_LEVEL_CE")));
            RecordedCall call = h.kotak.requestsTo(PLACE).get(before);
            micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
            h.redis.hdel(uid, "STATUS_LEVEL_CE", "MSG_LEVEL_CE", "RESULT_LEVEL_CE");
        }
        return micros;
    }

    /**
     * The benchmark's own feed connection (another account's session, so the agent's stays valid): on the crossing
     * tick it POSTs to the fake's order endpoint at once. The same decoding as the agent's feed, none of the agent.
     */
    private static final class Baseline implements AutoCloseable {
        private final AgentHarness h;
        private final KotakNeoAdapter adapter;
        private final OkHttpClient http = new OkHttpClient();
        private final BrokerFeed feed;
        private final String url;

        Baseline(AgentHarness h, Path home) {
            this.h = h;
            FakeUser user = h.kotak.addUser("UBENCH");
            UserConfig config = AgentHarness.userConfig("BENCH", user, home.resolve("BENCH.json"), RiskLimits.DEFAULT);
            adapter = KotakNeoAdapter.create(
                    KotakCredentials.of(config),
                    KotakSettings.defaults(URI.create(h.kotak.loginUrl())),
                    http,
                    Clock.systemUTC());
            adapter.login();
            url = h.kotak.baseUrl() + PLACE;
            RequestBody body = RequestBody.create(
                    "jData=%7B%22on%22%3A+%221%22%7D", MediaType.get("application/x-www-form-urlencoded"));
            MarketFeedListener postOnCrossing = (index, value, time) -> {
                if (index == MarketIndex.NIFTY_50 && value.compareTo(new BigDecimal("26150")) == 0) {
                    try (Response response = http.newCall(
                                    new Request.Builder().url(url).post(body).build())
                            .execute()) {
                        response.body().string();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            feed = adapter.marketFeed(postOnCrossing, new MarketFeedOptions(Duration.ofMinutes(1), () -> false))
                    .orElseThrow();
            feed.start();
            AgentHarness.await().until(() -> h.kotak.marketFeed().subscribers() == 2);
        }

        List<Long> run(FakeMarketFeed fakeFeed, int count) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fakeFeed.sendIndex(Index.NIFTY_50, new BigDecimal("26050"));
                int before = h.placeCalls();
                Instant sent = Instant.now();
                fakeFeed.sendIndex(Index.NIFTY_50, new BigDecimal("26150"));
                AgentHarness.await()
                        .pollDelay(Duration.ofMillis(5))
                        .pollInterval(Duration.ofMillis(2))
                        .until(() -> h.placeCalls() > before);
                RecordedCall call = h.kotak.requestsTo(PLACE).get(before);
                micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
                try {
                    Thread.sleep(Latency.PACING.toMillis()); // spaced like the agent's firings
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return micros;
        }

        @Override
        public void close() {
            feed.close();
            adapter.close();
            http.dispatcher().executorService().shutdown();
        }
    }

    // ---- 3: order-feed message -> NEO_ORDERS

    private static void orderFeedToState(AgentHarness h, Notifications notifications) throws Exception {
        List<Long> agent = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        try (StatefulRedisConnection<String, String> own =
                RedisClient.create(h.redisServer.url()).connect()) {
            for (int i = 0; i < 300 + WARMUP; i++) {
                notifications.clear();
                long sent = System.nanoTime();
                h.kotak.addExternalOrder("Uf1", "nse_fo", "NIFTY26JAN26000CE", "B", 65, "L", new BigDecimal("1"));
                long seen = notifications.await("NEO_ORDERS:f1");
                long direct = System.nanoTime();
                own.sync().hset("BENCH_ORDERS", "o" + i, "{}");
                long directSeen = notifications.await("BENCH_ORDERS");
                if (i >= WARMUP) {
                    agent.add((seen - sent) / 1000);
                    baseline.add((directSeen - direct) / 1000);
                }
                // let the order's remaining state changes land before the next sample
                AgentHarness.await().pollInterval(Duration.ofMillis(2)).until(() -> notifications.quietFor(20));
            }
        }
        Latency.report("fake order message -> NEO_ORDERS", agent);
        Latency.report("baseline: HSET -> its notification", baseline);
        System.out.printf(
                Locale.ROOT,
                "order message -> NEO_ORDERS: agent p99 - baseline p99 = %.3f ms (target < 2)%n",
                (Latency.percentile(agent, 99) - Latency.percentile(baseline, 99)) / 1e3);
    }

    /** Keyspace notifications of the keys the benchmark watches, with the time each arrived. */
    private static final class Notifications implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisPubSubConnection<String, String> pubsub;
        private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private volatile long last = System.nanoTime();

        private record Arrival(String key, long at) {}

        Notifications(AgentHarness h) {
            client = RedisClient.create(h.redisServer.url());
            pubsub = client.connectPubSub();
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    long now = System.nanoTime();
                    last = now;
                    arrivals.add(new Arrival(channel.substring(channel.indexOf(':') + 1), now));
                }
            });
            pubsub.sync().psubscribe("__keyspace@0__:NF_SPOT", "__keyspace@0__:BENCH_*", "__keyspace@0__:NEO_ORDERS:*");
        }

        void clear() {
            arrivals.clear();
        }

        long await(String key) throws InterruptedException {
            while (true) {
                Arrival arrival = arrivals.poll(10, TimeUnit.SECONDS);
                if (arrival == null) {
                    throw new IllegalStateException("no notification for " + key);
                }
                if (arrival.key().equals(key)) {
                    return arrival.at();
                }
            }
        }

        boolean quietFor(long millis) {
            return System.nanoTime() - last > millis * 1_000_000;
        }

        @Override
        public void close() {
            pubsub.close();
            client.shutdown();
        }
    }
}
