package dev.neoagent.agent.bench;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The baseline both latency benchmarks measure against, and their percentile report. */
final class Latency {
    static final int USERS = 20;
    /** About how long an agent sample takes from one request to the next (answer polling included). */
    static final java.time.Duration PACING = java.time.Duration.ofMillis(12);

    private static final String PLACE = "/quick/order/rule/ms/place";

    private Latency() {}

    /**
     * One Redis round trip plus one HTTP POST to the same fake, in microseconds, per sample. Paced,
     * the samples are spaced like the agent's (each agent sample waits about 12 ms for its answer
     * before the next request), so both sides start from equally idle threads and caches; back to
     * back, the baseline runs hot, which no single order placed by a trader does.
     */
    static List<Long> baseline(AgentHarness h, int count, boolean paced) throws Exception {
        List<Long> micros = new ArrayList<>();
        OkHttpClient http = new OkHttpClient();
        RedisClient client = RedisClient.create(h.redisServer.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            String url = h.kotak.baseUrl() + PLACE;
            RequestBody body = RequestBody.create(
                    "jData=%7B%22on%22%3A+%221%22%7D", MediaType.get("application/x-www-form-urlencoded"));
            for (int i = 0; i < count; i++) {
                if (paced) {
                    Thread.sleep(PACING.toMillis());
                }
                int before = h.placeCalls();
                Instant sent = Instant.now();
                redis.hget("b" + (i % USERS), "PLACE_SINGLE");
                try (Response response = http.newCall(
                                new Request.Builder().url(url).post(body).build())
                        .execute()) {
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

    static void report(String what, List<Long> micros) {
        System.out.printf(
                Locale.ROOT,
                "%-45s n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n",
                what,
                micros.size(),
                percentile(micros, 50) / 1e3,
                percentile(micros, 90) / 1e3,
                percentile(micros, 99) / 1e3,
                Collections.max(micros) / 1e3);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
