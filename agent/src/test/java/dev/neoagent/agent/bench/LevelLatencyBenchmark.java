package dev.neoagent.agent.bench;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spot → order latency: from the SET of NF_SPOT that crosses an armed level to the fake broker
 * receiving the order, over 150 firings across 10 users, next to a baseline measured in the same
 * run (one Redis round trip plus one HTTP POST to the same fake). Not part of {@code mvn verify}:
 * {@code mvn -Pbenchmark -pl agent -am test -Dtest=LevelLatencyBenchmark}.
 */
@Tag("benchmark")
class LevelLatencyBenchmark {
    private static final int USERS = 10;
    private static final int WARMUP = 300;
    private static final int FIRINGS = 150;
    private static final String LEGS =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}]";
    private static final String NOW = Long.toString(AgentHarness.TODAY.toEpochMilli());

    @TempDir
    Path home;

    @Test
    void spotToOrderLatency() throws Exception {
        try (AgentHarness h = new AgentHarness(home)) {
            for (int i = 0; i < USERS; i++) {
                h.addUser("l" + i, new dev.neoagent.config.RiskLimits(50, 10_000));
            }
            AgentRuntime agent = h.startAgent();
            for (int i = 0; i < USERS; i++) {
                h.hset("l" + i, "LOGIN", "requested");
            }
            for (int i = 0; i < USERS; i++) {
                h.awaitField("l" + i, "LOGIN", "fetched");
            }

            fire(h, agent, WARMUP);
            List<Long> firing = fire(h, agent, FIRINGS);
            Latency.baseline(h, 300, false); // warm-up
            List<Long> hot = Latency.baseline(h, FIRINGS, false);
            List<Long> paced = Latency.baseline(h, FIRINGS, true);

            Latency.report("agent: SET NF_SPOT -> broker receives the order", firing);
            Latency.report("baseline, back to back: 1 Redis RTT + 1 POST", hot);
            Latency.report("baseline, paced like the agent", paced);
            System.out.printf(
                    Locale.ROOT,
                    "agent p99 = %.2f ms (target < 10), p50 ratio agent/paced baseline = %.2f, agent/back-to-back = %.2f%n",
                    Latency.percentile(firing, 99) / 1e3,
                    Latency.percentile(firing, 50) / (double) Latency.percentile(paced, 50),
                    Latency.percentile(firing, 50) / (double) Latency.percentile(hot, 50));
        }
    }

    /** Arms a CE level at 26100 below the spot, then crosses it; microseconds from the SET to the broker. */
    private static List<Long> fire(AgentHarness h, AgentRuntime agent, int count) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uid = "l" + (i % USERS);
            h.redis.mset(Map.of("NF_SPOT", "26050", "NF_SPOT_TS", NOW));
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
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> agent.levelPreviousSpot(uid, LevelSide.CE)
                            .map(spot -> spot.compareTo(new BigDecimal("26050")) == 0)
                            .orElse(false));
            int before = h.placeCalls();
            Instant sent = Instant.now();
            h.redis.mset(Map.of("NF_SPOT", "26150", "NF_SPOT_TS", NOW));
            AgentHarness.await()
                    .pollDelay(Duration.ofMillis(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> "SUCCESS".equals(h.hget(uid, "STATUS_LEVEL_CE")));
            RecordedCall call = h.kotak.requestsTo("/quick/order/rule/ms/place").get(before);
            micros.add(Duration.between(sent, call.at()).toNanos() / 1000);
            h.redis.hdel(uid, "STATUS_LEVEL_CE", "MSG_LEVEL_CE", "RESULT_LEVEL_CE");
        }
        return micros;
    }
}
