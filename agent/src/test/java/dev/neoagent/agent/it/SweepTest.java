package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests are found by keyspace notifications; the agent's safety sweep finds one whose notification was lost
 * within the sweep interval (250 ms here), not only when the idle worker next looks by itself (30 s here).
 */
class SweepTest {
    private static final String UID = "ITC2766";

    @TempDir
    Path home;

    private AgentHarness h;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        h.addUser(UID);
        // an idle worker looks by itself only once per lease (30 s here): within 10 s only the sweep can find it
        h.settings(new dev.neoagent.agent.worker.AgentSettings(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                new dev.neoagent.agent.spot.SpotSettings(
                        false,
                        java.util.Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        dev.neoagent.agent.spot.MarketHours.NSE,
                        Duration.ofSeconds(5))));
        h.startAgent();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aRequestWrittenWhileNotificationsAreOffIsServedByTheSweep() {
        h.hset(UID, "BALANCE", "requested");
        h.awaitField(UID, "BALANCE", "fetched"); // the worker has started and served once
        h.redis.configSet("notify-keyspace-events", "");

        h.request(
                UID,
                "PLACE_SINGLE",
                "SINGLE_LEG",
                "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", \"Expiry\": "
                        + "\"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\"}]",
                "STATUS_SINGLE");

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "SUCCESS".equals(h.hget(UID, "STATUS_SINGLE")));
        assertThat(h.redis.configGet("notify-keyspace-events").get("notify-keyspace-events"))
                .as("still off: the sweep found it")
                .isEmpty();
    }
}
