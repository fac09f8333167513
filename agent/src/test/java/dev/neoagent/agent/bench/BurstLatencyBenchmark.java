package dev.neoagent.agent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts (issue 14): N users (20, then 200) write one PLACE_SINGLE request each at the same instant, one writer
 * thread and one Redis connection per user (as N separate UIs), released together by a latch. Per request: from just
 * before its HSET to the fake broker receiving its order POST.
 *
 * <p>The baseline, in the same run, is the same burst sent directly: the same N threads each do the same HSET (on a
 * key of their own the agent does not watch) and then POST the same order to the fake, on the user's own trade
 * session (headers copied from the agent's earlier call), so the fake does exactly the work it does for the agent's
 * orders (place, fill, order-feed messages to the agent). Agent and baseline bursts alternate, so the machine's noise
 * hits both alike.
 *
 * <p>Printed for each burst size: the latency percentiles of both, their p50 ratio (target at most 2 for 20 users) and
 * the agent's p99 (target under 25 ms); the CPU each request cost (this JVM, which holds agent, fake and benchmark,
 * and Redis); and the burst as a pipeline: when its first order reached the fake, then how far apart the others came.
 * Not part of {@code mvn verify}: {@code mvn -Pbenchmark -pl agent -am test -Dtest=BurstLatencyBenchmark}.
 */
@Tag("benchmark")
class BurstLatencyBenchmark {
    private static final int USERS = 200;
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final String LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";
    /** The pause between bursts, after every answer of the previous one was written. */
    private static final Duration BETWEEN = Duration.ofMillis(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    @TempDir
    Path home;

    @Test
    void burstToWireLatency() throws Exception {
        try (AgentHarness h = new AgentHarness(home)) {
            for (int i = 0; i < USERS; i++) {
                h.addUser(uid(i), new RiskLimits(50, 100_000));
            }
            h.startAgent();
            for (int i = 0; i < USERS; i++) { // sessions first: the benchmark measures orders, not logins
                h.hset(uid(i), "LOGIN", "requested");
            }
            for (int i = 0; i < USERS; i++) {
                h.awaitField(uid(i), "LOGIN", "fetched");
            }
            try (Writers writers = new Writers(h, USERS)) {
                Map<String, Result> results = new java.util.LinkedHashMap<>();
                for (int n : new int[] {20, 200}) {
                    int warmup = n == 20 ? 60 : 4;
                    int rounds = n == 20 ? 30 : 10;
                    List<Long> agent = new ArrayList<>();
                    List<Long> direct = new ArrayList<>();
                    Cpu agentCpu = new Cpu();
                    Cpu directCpu = new Cpu();
                    Shape agentShape = new Shape();
                    Shape directShape = new Shape();
                    List<Long> floor = new ArrayList<>();
                    Shape floorShape = new Shape();
                    for (int round = -warmup; round < rounds; round++) {
                        boolean measured = round >= 0;
                        List<Long> a = writers.agentBurst(n, measured ? agentCpu : null, measured ? agentShape : null);
                        List<Long> d = writers.directBurst(
                                n, round, measured ? directCpu : null, measured ? directShape : null);
                        List<Long> f = writers.floorBurst(n, round, measured ? floorShape : null);
                        if (measured) {
                            agent.addAll(a);
                            direct.addAll(d);
                            floor.addAll(f);
                        }
                    }
                    results.put(
                            n + " users",
                            new Result(agent, direct, floor, agentCpu, directCpu, agentShape, directShape, floorShape));
                }
                System.out.println();
                System.out.println("burst: HSET -> the fake receives the order POST, per request");
                results.forEach((what, result) -> {
                    Latency.report(what + ", agent", result.agent());
                    Latency.report(what + ", direct (HSET + POST)", result.direct());
                    Latency.report(what + ", floor (notification + claim script + POST)", result.floor());
                    System.out.printf(
                            Locale.ROOT,
                            "%s: CPU per request (from the burst until answered, and the pause after): agent %s,"
                                    + " direct %s%n",
                            what,
                            result.agentCpu(),
                            result.directCpu());
                    System.out.printf(
                            Locale.ROOT,
                            "%s: agent %s; direct %s; floor %s%n",
                            what,
                            result.agentShape(),
                            result.directShape(),
                            result.floorShape());
                    double directP50 = Latency.percentile(result.direct(), 50);
                    System.out.printf(
                            Locale.ROOT,
                            "%s: p50 ratio agent/direct = %.2f (target <= 2), agent p99 = %.2f ms (target < 25);"
                                    + " p50 ratio floor/direct = %.2f%n",
                            what,
                            Latency.percentile(result.agent(), 50) / directP50,
                            Latency.percentile(result.agent(), 99) / 1e3,
                            Latency.percentile(result.floor(), 50) / directP50);
                });
            }
        }
    }

    private record Result(
            List<Long> agent,
            List<Long> direct,
            List<Long> floor,
            Cpu agentCpu,
            Cpu directCpu,
            Shape agentShape,
            Shape directShape,
            Shape floorShape) {}

    /**
     * A burst as a pipeline: when its first order reached the fake (after the first write), and then how far apart
     * the following ones came (last minus first, over n - 1); medians over the bursts.
     */
    private static final class Shape {
        private final List<Long> first = new ArrayList<>();
        private final List<Long> spacing = new ArrayList<>();

        void add(Instant[] sent, Instant[] wires) {
            Instant start =
                    java.util.Arrays.stream(sent).min(Instant::compareTo).orElseThrow();
            Instant firstWire =
                    java.util.Arrays.stream(wires).min(Instant::compareTo).orElseThrow();
            Instant lastWire =
                    java.util.Arrays.stream(wires).max(Instant::compareTo).orElseThrow();
            first.add(Duration.between(start, firstWire).toNanos() / 1000);
            spacing.add(Duration.between(firstWire, lastWire).toNanos() / 1000 / Math.max(1, wires.length - 1));
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "first order out after %.2f ms, then one every %.3f ms",
                    Latency.percentile(first, 50) / 1e3,
                    Latency.percentile(spacing, 50) / 1e3);
        }
    }

    /**
     * CPU spent per request: this JVM (agent, fake broker and benchmark together) and the Redis server, from just
     * before a burst to the end of its pause. The direct bursts' orders cost the fake and the agent's order feeds the
     * same as the agent's, so the difference is what the agent's request path costs.
     */
    private static final class Cpu {
        private long jvmNanos;
        private long redisMicros;
        private long requests;

        record Mark(long jvmNanos, long redisMicros) {}

        static Mark mark(AgentHarness h) {
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long redis = 0;
            for (String line : h.redis.info("cpu").split("\\R")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    redis += Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1)) * 1e6);
                }
            }
            return new Mark(os.getProcessCpuTime(), redis);
        }

        void add(Mark from, Mark to, int n) {
            jvmNanos += to.jvmNanos() - from.jvmNanos();
            redisMicros += to.redisMicros() - from.redisMicros();
            requests += n;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "JVM %.2f ms + Redis %.3f ms",
                    jvmNanos / 1e6 / requests,
                    redisMicros / 1e3 / requests);
        }
    }

    /** PLACE_SINGLE requests the agent has answered so far (neo_requests_total, every outcome). */
    private static double answered(AgentHarness h) {
        return h.metrics.registry().find("neo.requests").tag("type", "PLACE_SINGLE").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    private static String uid(int i) {
        return "u" + i;
    }

    /** One platform thread and one Redis connection per user, as many UIs would write. */
    private static final class Writers implements AutoCloseable {
        private final AgentHarness h;
        private final RedisClient client;
        private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        private final ExecutorService threads;
        /** The direct baseline's client: a connection per writer kept warm, nothing shared but the pool. */
        private final OkHttpClient http;
        /** Per user: the headers of the agent's last order POST (the user's trade session) and its jData. */
        private final Map<Integer, RecordedCall> sessionCalls = new java.util.concurrent.ConcurrentHashMap<>();

        /** The design's floor (see {@link #floorBurst}); its orders use the sessions the agent's bursts recorded. */
        private final Floor floor;

        Writers(AgentHarness h, int users) {
            this.h = h;
            this.client = RedisClient.create(h.redisServer.url());
            for (int i = 0; i < users; i++) {
                connections.add(client.connect());
            }
            this.threads = Executors.newFixedThreadPool(users);
            this.http = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(users, 5, TimeUnit.MINUTES))
                    .build();
            this.floor = new Floor(users);
        }

        /** The UI's write of a PLACE_SINGLE, on the user's own connection, into {@code key}. */
        private void writeRequest(int user, String key) {
            connections
                    .get(user)
                    .sync()
                    .hset(key, Map.of("PLACE_SINGLE", "requested", "SINGLE_LEG", LEG, "STATUS_SINGLE", "PROCESSING"));
        }

        /** Each of the first n users writes a PLACE_SINGLE at the same instant; latencies in microseconds. */
        List<Long> agentBurst(int n, Cpu cpu, Shape shape) throws Exception {
            int before = h.placeCalls();
            double answeredBefore = answered(h);
            Cpu.Mark start = Cpu.mark(h);
            Instant[] sent = burst(n, i -> {
                Instant at = Instant.now();
                writeRequest(i, uid(i));
                return at;
            });
            // The agent counts each answer once written: watching that count costs the burst no Redis command and no
            // thread, where polling 200 users' hashes would compete with the agent it measures.
            AgentHarness.await()
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> answered(h) >= answeredBefore + n);
            pause();
            for (int i = 0; i < n; i++) {
                if (!"fetched".equals(h.hget(uid(i), "PLACE_SINGLE"))) {
                    throw new IllegalStateException(uid(i) + "'s request was not answered");
                }
            }
            if (cpu != null) {
                cpu.add(start, Cpu.mark(h), n);
            }
            Map<String, RecordedCall> byTag = byTag(h.kotak.requestsTo(PLACE), before);
            RecordedCall[] calls = new RecordedCall[n];
            for (int i = 0; i < n; i++) {
                List<FakeOrder> orders = h.kotak.orders("U" + uid(i));
                String tag = orders.getLast().tag();
                RecordedCall call = byTag.get(tag);
                if (call == null || !tag.startsWith("C")) {
                    throw new IllegalStateException("no order POST of " + uid(i) + " in this burst (tag " + tag + ")");
                }
                sessionCalls.put(i, call);
                calls[i] = call;
            }
            return latencies(sent, calls, shape);
        }

        /** The same burst sent directly: the same HSET (on a key the agent does not watch), then the order POST. */
        List<Long> directBurst(int n, int round, Cpu cpu, Shape shape) throws Exception {
            int before = h.placeCalls();
            Cpu.Mark start = Cpu.mark(h);
            Instant[] sent = burst(n, i -> {
                Request built = order(i, "X" + i + "R" + (round + 1000));
                Instant at = Instant.now();
                writeRequest(i, "BENCH_" + uid(i)); // a key the agent does not watch
                send(built);
                return at;
            });
            pause();
            if (cpu != null) {
                cpu.add(start, Cpu.mark(h), n);
            }
            Map<String, RecordedCall> byTag = byTag(h.kotak.requestsTo(PLACE), before);
            RecordedCall[] calls = new RecordedCall[n];
            for (int i = 0; i < n; i++) {
                calls[i] = byTag.get("X" + i + "R" + (round + 1000));
            }
            return latencies(sent, calls, shape);
        }

        /** The user's order POST on the user's own trade session (headers of the agent's last call), with this tag. */
        private Request order(int user, String tag) throws Exception {
            RecordedCall session = sessionCalls.get(user);
            ObjectNode jData = (ObjectNode) session.jData().deepCopy();
            jData.put("ig", tag);
            Request.Builder request = new Request.Builder()
                    .url(h.kotak.baseUrl() + PLACE)
                    .post(RequestBody.create(
                            "jData=" + URLEncoder.encode(JSON.writeValueAsString(jData), StandardCharsets.UTF_8),
                            FORM));
            for (String header : List.of("Auth", "Sid", "neo-fin-key", "Authorization", "accept")) {
                if (session.header(header) != null) {
                    request.header(header, session.header(header));
                }
            }
            return request.build();
        }

        private void send(Request order) throws Exception {
            try (Response response = http.newCall(order).execute()) {
                String body = response.body().string();
                if (!body.contains("\"Ok\"")) {
                    throw new IllegalStateException("order refused: " + body);
                }
            }
        }

        /**
         * The same burst through the least any agent of this design must do: the writer's {@code HSET} on a key of its
         * own, its keyspace notification to a subscription, a virtual thread per user woken by it, an atomic claim
         * script on one connection shared by all of them (flag requested → processing, the payload back), then the
         * order POST; nothing validated, audited, recorded or answered but the flag. What the agent adds over this is
         * its own cost; what this adds over the direct burst is the design's.
         */
        List<Long> floorBurst(int n, int round, Shape shape) throws Exception {
            int before = h.placeCalls();
            floor.start(n, round);
            Instant[] sent = burst(n, i -> {
                Instant at = Instant.now();
                writeRequest(i, Floor.key(i));
                return at;
            });
            floor.awaitSent();
            pause();
            Map<String, RecordedCall> byTag = byTag(h.kotak.requestsTo(PLACE), before);
            RecordedCall[] calls = new RecordedCall[n];
            for (int i = 0; i < n; i++) {
                calls[i] = byTag.get(Floor.tag(i, round));
                if (calls[i] == null) {
                    throw new IllegalStateException("no floor order of " + uid(i) + " in this burst");
                }
            }
            return latencies(sent, calls, shape);
        }

        /**
         * Per request of a burst, microseconds from its write to the fake receiving its order POST; adds the burst to
         * {@code shape} (when measured) and clears the fake's recorded calls, so the next burst's look-ups stay short.
         */
        private List<Long> latencies(Instant[] sent, RecordedCall[] calls, Shape shape) {
            List<Long> micros = new ArrayList<>();
            Instant[] wires = new Instant[calls.length];
            for (int i = 0; i < calls.length; i++) {
                micros.add(Duration.between(sent[i], calls[i].at()).toNanos() / 1000);
                wires[i] = calls[i].at();
            }
            if (shape != null) {
                shape.add(sent, wires);
            }
            h.kotak.clearRequests();
            return micros;
        }

        /** The floor's claimers: one virtual thread per user, woken by the keyspace notification of its key. */
        private final class Floor implements AutoCloseable {
            private static final String CLAIM = "if redis.call('HGET', KEYS[1], 'PLACE_SINGLE') == 'requested' then "
                    + "redis.call('HSET', KEYS[1], 'PLACE_SINGLE', 'processing') "
                    + "return redis.call('HGET', KEYS[1], 'SINGLE_LEG') end return false";
            private final StatefulRedisConnection<String, String> shared = client.connect();
            private final StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
            private final String claimSha = shared.sync().scriptLoad(CLAIM);
            private final Semaphore[] wake;
            private final List<Thread> claimers = new ArrayList<>();
            private volatile int round;
            private volatile CountDownLatch sentAll = new CountDownLatch(0);
            private volatile boolean closed;

            Floor(int users) {
                wake = new Semaphore[users];
                String[] channels = new String[users];
                for (int i = 0; i < users; i++) {
                    wake[i] = new Semaphore(0);
                    channels[i] = "__keyspace@0__:" + key(i);
                }
                subscription.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        wake[Integer.parseInt(channel.substring(channel.lastIndexOf('u') + 1))].release();
                    }
                });
                subscription.sync().subscribe(channels);
                for (int i = 0; i < users; i++) {
                    int user = i;
                    claimers.add(Thread.ofVirtual().name("floor-" + i).start(() -> claimLoop(user)));
                }
            }

            static String key(int user) {
                return "FLOOR_" + uid(user);
            }

            static String tag(int user, int round) {
                return "F" + user + "R" + (round + 1000);
            }

            void start(int n, int round) {
                this.round = round;
                this.sentAll = new CountDownLatch(n);
            }

            void awaitSent() throws InterruptedException {
                if (!sentAll.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the floor's orders did not all go out");
                }
            }

            private void claimLoop(int user) {
                while (!closed) {
                    try {
                        wake[user].acquire();
                        wake[user].drainPermits();
                        String payload = shared.sync().evalsha(claimSha, ScriptOutputType.VALUE, key(user));
                        if (payload == null) {
                            continue; // the notification of its own answer, or of the writer's reset
                        }
                        send(order(user, tag(user, round)));
                        shared.sync().hset(key(user), "PLACE_SINGLE", "fetched");
                        sentAll.countDown();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        if (!closed) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }

            @Override
            public void close() {
                closed = true;
                claimers.forEach(Thread::interrupt);
                subscription.close();
                shared.close();
            }
        }

        private interface Write {
            Instant write(int user) throws Exception;
        }

        /** Runs {@code write} for users 0..n-1 on their threads, released together once all are waiting. */
        private Instant[] burst(int n, Write write) throws Exception {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Instant>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int user = i;
                done.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return write.write(user);
                }));
            }
            ready.await();
            go.countDown();
            Instant[] sent = new Instant[n];
            for (int i = 0; i < n; i++) {
                sent[i] = done.get(i).get(30, TimeUnit.SECONDS);
            }
            return sent;
        }

        private static Map<String, RecordedCall> byTag(List<RecordedCall> calls, int from) {
            Map<String, RecordedCall> byTag = new HashMap<>();
            for (RecordedCall call : calls.subList(from, calls.size())) {
                byTag.put(call.jData().get("ig").asText(), call);
            }
            return byTag;
        }

        private static void pause() throws InterruptedException {
            Thread.sleep(BETWEEN.toMillis()); // lets the fills, order-feed messages and answers of the burst settle
        }

        @Override
        public void close() {
            floor.close();
            threads.shutdownNow();
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
