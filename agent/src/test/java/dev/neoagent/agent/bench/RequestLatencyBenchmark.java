package dev.neoagent.agent.bench;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request → broker latency: from the HSET of a PLACE_SINGLE request to the fake broker receiving
 * the order, over 400 requests spread across 20 users, next to a baseline measured in the same run
 * (one Redis round trip plus one HTTP POST to the same fake). Not part of {@code mvn verify}:
 * {@code mvn -Pbenchmark -pl agent -am test -Dtest=RequestLatencyBenchmark}.
 */
@Tag("benchmark")
class RequestLatencyBenchmark {
    private static final int USERS = 20;
    private static final int WARMUP = 2000;
    private static final int REQUESTS = 400;
    private static final String PLACE = "/quick/order/rule/ms/place";
    private static final String LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
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
            Latency.baseline(h, 300, false); // warm-up
            List<Long> hot = Latency.baseline(h, REQUESTS, false);
            List<Long> paced = Latency.baseline(h, REQUESTS, true);

            Latency.report("agent: HSET -> broker receives the order", agent);
            Latency.report("baseline, back to back: 1 Redis RTT + 1 POST", hot);
            Latency.report("baseline, paced like the agent", paced);
            System.out.printf(
                    Locale.ROOT,
                    "p50 ratio agent/paced baseline = %.2f (target <= 3), agent/back-to-back = %.2f, agent p99 = %.2f ms (target < 10)%n",
                    Latency.percentile(agent, 50) / (double) Latency.percentile(paced, 50),
                    Latency.percentile(agent, 50) / (double) Latency.percentile(hot, 50),
                    Latency.percentile(agent, 99) / 1e3);
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
            AgentHarness.await()
                    .pollDelay(Duration.ofMillis(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> "fetched".equals(h.hget(uid, "PLACE_SINGLE")));
            RecordedCall call = h.kotak.requestsTo(PLACE).get(before);
            micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
        }
        return micros;
    }
}
