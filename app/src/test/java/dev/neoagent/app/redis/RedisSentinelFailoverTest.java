package dev.neoagent.app.redis;

import static dev.neoagent.app.redis.AgentOnRedis.UID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.RedisProcess;
import dev.neoagent.testing.RedisSentinelSetup;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NEO_REDIS_URL=redis-sentinel://...#mymaster} with a real Sentinel: the agent serves through the primary, and
 * after the primary dies and the Sentinel promotes the replica, it reconnects to the new primary, switches its keyspace
 * notifications on there (a promoted replica does not have them) and serves the next request at once, without sending
 * the first one's order again. The safety sweep is 60 s here: within the test's waits only the notifications serve.
 */
class RedisSentinelFailoverTest {
    @TempDir
    Path dir;

    private RedisSentinelSetup redis;
    private AgentOnRedis agent;
    private RedisClient client;

    @BeforeEach
    void start() {
        try {
            redis = RedisSentinelSetup.start(dir);
        } catch (RedisSentinelSetup.SentinelUnavailable e) {
            Assumptions.abort(
                    "needs the bundled redis-server to run as a Sentinel (redis-server --sentinel): " + e.getMessage());
        }
        agent = new AgentOnRedis(dir.resolve("home"));
        client = RedisClient.create();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Timeout(120)
    void afterAFailoverTheAgentServesFromThePromotedReplicaWithNotificationsAndSendsNothingTwice() throws Exception {
        RedisCommands<String, String> primary = connect(redis.primary);
        RedisCommands<String, String> replica = connect(redis.replica);
        AgentOnRedis.loadInstruments(primary);
        agent.start(Map.of("NEO_REDIS_URL", redis.url(), "NEO_SWEEP_MS", "60000", "NEO_AGENT_LEASE_MS", "60000"));

        AgentOnRedis.requestOrder(primary);
        await(Duration.ofSeconds(30), () -> "SUCCESS".equals(primary.hget(UID, "STATUS_SINGLE")));
        String firstAnswer = primary.hget(UID, "MSG_SINGLE");
        assertThat(agent.placeCalls()).isEqualTo(1);
        // Replication is asynchronous: lose the primary only once the replica holds the answer (see the README).
        await(
                Duration.ofSeconds(10),
                () -> firstAnswer.equals(replica.hget(UID, "MSG_SINGLE"))
                        && "fetched".equals(replica.hget(UID, "PLACE_SINGLE"))
                        && replica.hlen("NEO_INFLIGHT:" + UID) == 0);

        redis.failOver(Duration.ofSeconds(60));

        // The promoted replica starts without keyspace notifications; the agent switches them on and subscribes.
        await(
                Duration.ofSeconds(30),
                () -> notifiesHashChanges(
                                replica.configGet("notify-keyspace-events").get("notify-keyspace-events"))
                        && replica.pubsubNumsub("__keyspace@0__:" + UID).get("__keyspace@0__:" + UID) >= 1);
        assertThat(agent.placeCalls())
                .as("nothing was sent again while failing over")
                .isEqualTo(1);

        AgentOnRedis.requestOrder(replica);
        await(Duration.ofSeconds(15), () -> "SUCCESS".equals(replica.hget(UID, "STATUS_SINGLE")));

        assertThat(replica.hget(UID, "MSG_SINGLE")).startsWith("Order Placed: ").isNotEqualTo(firstAnswer);
        assertThat(agent.placeCalls()).as("each order sent once").isEqualTo(2);
        assertThat(agent.kotak.orders(agent.user.ucc())).hasSize(2);
    }

    private RedisCommands<String, String> connect(RedisProcess server) {
        StatefulRedisConnection<String, String> connection =
                client.connect(RedisURI.create("127.0.0.1", server.port()));
        return connection.sync();
    }

    /** K (keyspace events) and h (hash commands) or A (all), in whatever order the server lists them. */
    private static boolean notifiesHashChanges(String flags) {
        return flags.contains("K") && (flags.contains("h") || flags.contains("A"));
    }

    private String state() {
        try {
            return "replica: " + redis.replica.call("CONFIG", "GET", "notify-keyspace-events") + " "
                    + redis.replica.call("PUBSUB", "NUMSUB", "__keyspace@0__:" + UID) + "\n"
                    + redis.replica.call("CLIENT", "LIST") + "\n";
        } catch (RuntimeException e) {
            return "replica: " + e + "\n";
        }
    }

    /** Waits for {@code condition}; on a timeout the failure carries what the three Redis processes logged. */
    private void await(Duration atMost, Callable<Boolean> condition) {
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + state() + redis.logs(), e);
        }
    }
}
