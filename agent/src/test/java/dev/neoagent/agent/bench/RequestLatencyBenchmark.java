package dev.neoagent.agent.bench;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Request → broker latency: from the HSET of a PLACE_SINGLE request to the fake broker receiving
 * the order, over 400 requests spread across 20 users, next to a baseline measured in the same run
 * (one Redis round trip plus one HTTP POST to the same fake). Not part of {@code mvn verify}:
 * {@code mvn -Pbenchmark -pl agent -am test -Dtest=RequestLatencyBenchmark}.
 */
@Tag("benchmark")
class RequestLatencyBenchmark {
    private static final int USERS = 20;
    private static final int WARMUP = 100;
    private static final int REQUESTS = 400;
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final String LEG = "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
            + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";

    @TempDir
    Path home;

    @Test
    void requestToBrokerLatency() throws Exception {
        try (AgentHarness h = new AgentHarness(home)) {
            for (int i = 0; i < USERS; i++) {
                h.addUser("b" + i, new dev.neoagent.config.RiskLimits(50, 10_000));
            }
            h.startAgent();
            for (int i = 0; i < USERS; i++) { // sessions first: the benchmark measures orders, not logins
                h.hset("b" + i, "LOGIN", "requested");
            }
            for (int i = 0; i < USERS; i++) {
                h.awaitField("b" + i, "LOGIN", "fetched");
            }

            measureAgent(h, WARMUP);
            List<Long> agent = measureAgent(h, REQUESTS);
            measureBaseline(h, WARMUP);
            List<Long> baseline = measureBaseline(h, REQUESTS);

            report("agent: HSET -> broker receives the order", agent);
            report("baseline: 1 Redis round trip + 1 HTTP POST", baseline);
            System.out.printf(Locale.ROOT, "p50 ratio agent/baseline = %.2f (target <= 3), agent p99 = %.2f ms (target < 10)%n",
                    percentile(agent, 50) / (double) percentile(baseline, 50), percentile(agent, 99) / 1e3);
        }
    }

    /** Latencies in microseconds; one request at a time, users in turn. */
    private static List<Long> measureAgent(AgentHarness h, int count) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uid = "b" + (i % USERS);
            int before = h.placeCalls();
            Instant sent = Instant.now();
            h.hset(uid, "PLACE_SINGLE", "requested", "SINGLE_LEG", LEG, "STATUS_SINGLE", "PROCESSING");
            // Poll rarely: a busy poller would steal one of the two cores from the agent it measures.
            AgentHarness.await().pollDelay(Duration.ofMillis(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> "fetched".equals(h.hget(uid, "PLACE_SINGLE")));
            RecordedCall call = h.kotak.requestsTo(PLACE).get(before);
            micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
        }
        return micros;
    }

    private static List<Long> measureBaseline(AgentHarness h, int count) throws Exception {
        List<Long> micros = new ArrayList<>();
        OkHttpClient http = new OkHttpClient();
        RedisClient client = RedisClient.create(h.redisServer.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            String url = h.kotak.baseUrl() + PLACE;
            RequestBody body = RequestBody.create("jData=%7B%22on%22%3A+%221%22%7D",
                    MediaType.get("application/x-www-form-urlencoded"));
            for (int i = 0; i < count; i++) {
                int before = h.placeCalls();
                Instant sent = Instant.now();
                redis.hget("b" + (i % USERS), "PLACE_SINGLE");
                try (Response response = http.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
                    response.body().string();
                }
                RecordedCall call = h.kotak.requestsTo(PLACE).get(before);
                micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
            }
        } finally {
            client.shutdown();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return micros;
    }

    private static void report(String what, List<Long> micros) {
        System.out.printf(Locale.ROOT, "%-45s n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", what, micros.size(),
                percentile(micros, 50) / 1e3, percentile(micros, 90) / 1e3, percentile(micros, 99) / 1e3,
                Collections.max(micros) / 1e3);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
