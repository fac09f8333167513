package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.Fault;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug the soak found (docs/soak.md, "Findings"): an agent whose lease lapses while it is still
 * serving a request — a stall longer than NEO_AGENT_LEASE_MS (GC pause, CPU starvation, a frozen VM; or a Redis
 * restart, which wipes every lease at once) — is taken for dead. Another agent settles its in-flight record from the
 * order book, finds nothing yet and answers FAILED "not placed: the agent stopped before any order of this request
 * reached the broker". The first agent then wakes up and sends the order anyway: the broker holds an order the trader
 * was told was not placed (the first agent's own answer is refused as superseded). Nothing fences a claim once its
 * lease has lapsed.
 *
 * <p>Here the stall is a SIGSTOP while the agent waits for a (delayed) login before its first order. Failed before
 * the fix: an agent now refuses to send what it claimed before its lease lapsed, and the other agent settles only
 * after the lease has been missing for half a lease.
 */
class StalledAgentIT {
    private static final String LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2099-12-29\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";

    @TempDir
    Path home;

    private PackagedAgents agents;
    private FakeKotakServer kotak;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void start() throws IOException {
        agents = new PackagedAgents(home, 26000);
        kotak = agents.kotak;
        redis = agents.redis;
    }

    @AfterEach
    void stop() {
        agents.close();
    }

    private Process startAgent(String name) throws IOException {
        return agents.start(name);
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    @Timeout(120)
    void anAgentTakenForDeadMustNotSendWhatAnotherAgentAnsweredAsNotPlaced() throws Exception {
        Process first = startAgent("first");
        Process second = null;
        try {
            // the first order of the day logs in first; its login answers 4 s late, so the agent waits there
            kotak.failNext("/login/1.0/tradeApiLogin", Fault.delay(Duration.ofSeconds(4)));
            redis.hset("trader", Map.of("PLACE_SINGLE", "requested", "SINGLE_LEG", LEG, "STATUS_SINGLE", "PROCESSING"));
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "processing".equals(redis.hget("trader", "PLACE_SINGLE"))
                            && !kotak.requestsTo("/login/1.0/tradeApiLogin").isEmpty());

            signal(first, "STOP"); // a stall longer than the lease: its lease lapses, its claim stays
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> redis.keys("NEO_AGENT:*").isEmpty());

            second = startAgent("second"); // settles the first agent's in-flight record from the order book
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !"PROCESSING".equals(redis.hget("trader", "STATUS_SINGLE")));
            String status = redis.hget("trader", "STATUS_SINGLE");
            String message = redis.hget("trader", "MSG_SINGLE");

            signal(first, "CONT"); // the stall ends
            first.destroy(); // SIGTERM: the request in progress is finished first, then the agent exits
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            List<FakeOrder> orders = kotak.orders("PROC1");
            if (status.equals("FAILED")) {
                assertThat(orders)
                        .as("orders at the broker for a request answered %s: %s", status, message)
                        .isEmpty();
            } else {
                assertThat(orders).as("the answer %s: %s", status, message).hasSizeLessThanOrEqualTo(1);
            }
        } finally {
            if (first.isAlive()) {
                signal(first, "CONT");
                first.destroyForcibly();
            }
            if (second != null) {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
