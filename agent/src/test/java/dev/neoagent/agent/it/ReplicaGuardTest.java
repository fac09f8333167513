package dev.neoagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a replica, a request that sends orders goes out only once its claim reached the replica: a failover can then
 * never bring it back as requested after it was sent. A replica that does not confirm in time costs the request
 * (refused, nothing sent), never a second order.
 */
class ReplicaGuardTest {
    private static final String NIFTY_LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2026-01-27\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";

    @TempDir
    Path home;

    private AgentHarness h;
    private RedisTestServer replica;
    private RedisClient replicaClient;
    private StatefulRedisConnection<String, String> replicaConnection;

    @BeforeEach
    void start() {
        h = new AgentHarness(home);
        Assumptions.assumeTrue(h.redisServer.isEmbedded(), "needs the embedded Redis to start a replica beside it");
        replica = RedisTestServer.start();
        replicaClient = RedisClient.create(replica.url());
        replicaConnection = replicaClient.connect();
        replicaConnection.sync().replicaof("127.0.0.1", h.redisServer.port());
        AgentHarness.await()
                .until(() -> h.redis.info("replication").contains("connected_slaves:1")
                        && replicaConnection.sync().info("replication").contains("master_link_status:up"));
        h.addUser("u1");
    }

    @AfterEach
    void stop() {
        if (replicaConnection != null) {
            replicaConnection.close();
            replicaClient.shutdown();
            replica.close();
        }
        h.close();
    }

    @Test
    void anOrderGoesOutOnceItsClaimIsOnTheReplica() {
        h.startAgent();
        h.request("u1", "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");

        assertThat(h.awaitAnswer("u1", "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(h.placeCalls()).isEqualTo(1);
        AgentHarness.await()
                .until(() -> "SUCCESS".equals(replicaConnection.sync().hget("u1", "STATUS_SINGLE")));
    }

    @Test
    void aReplicaThatDoesNotConfirmCostsTheRequestNotASecondOrder() {
        h.startAgent();
        // the replica hangs for 3 s: nothing it receives is acknowledged
        replicaConnection
                .async()
                .dispatch(
                        io.lettuce.core.protocol.CommandType.DEBUG,
                        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                .add("SLEEP")
                                .add(3));

        h.request("u1", "PLACE_SINGLE", "SINGLE_LEG", NIFTY_LEG, "STATUS_SINGLE");

        assertThat(h.awaitAnswer("u1", "STATUS_SINGLE")).isEqualTo("FAILED");
        assertThat(h.hget("u1", "MSG_SINGLE"))
                .startsWith("not sent: Redis did not confirm the request on a replica within 500 ms");
        assertThat(h.placeCalls()).isZero();
        // reports send nothing: they do not wait for the replica
        h.hset("u1", "BALANCE", "requested");
        AgentHarness.await().atMost(Duration.ofSeconds(2)).until(() -> "fetched".equals(h.hget("u1", "BALANCE")));
    }
}
