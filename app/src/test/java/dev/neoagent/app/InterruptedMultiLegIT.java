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
 * A bug the soak found (docs/soak.md, "Findings"): a multi-leg request whose agent stops after its BUY
 * leg and before its SELL legs (kill -9, a crash) is settled from the order book as SUCCESS "All legs placed
 * successfully", naming only the BUY. The in-flight record lists only the orders the agent got to send, so the agent
 * that settles it cannot know that SELL legs were planned and never sent; the trader believes a spread is on while
 * only its long leg is.
 *
 * <p>Here the agent is killed while it waits for the (delayed) answer to its BUY leg. Failed before the fix: every
 * planned order is now in the in-flight record before the first goes, and the unsent ones are settled as not sent.
 */
class InterruptedMultiLegIT {
    /** A bull call spread as the UI writes it: SELL 26200 CE first in the list, BUY 26000 CE (sent first). */
    private static final String LEGS =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"SELL\", "
                    + "\"Expiry\": \"2099-12-29\", \"Strike\": 26200, \"OptionType\": \"CE\"}, {\"Index\": \"NIFTY\", "
                    + "\"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", \"Expiry\": \"2099-12-29\", \"Strike\": 26000, "
                    + "\"OptionType\": \"CE\"}]";

    @TempDir
    Path home;

    private PackagedAgents agents;
    private FakeKotakServer kotak;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void start() throws IOException {
        agents = new PackagedAgents(home, 26000, 26200);
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

    @Test
    @Timeout(120)
    void aSettledMultiLegRequestMustNotClaimLegsThatWereNeverSent() throws Exception {
        Process first = startAgent("first");
        Process second = null;
        try {
            // the BUY leg is executed at once but answered 5 s late: the agent waits there, its SELL leg not sent
            kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(5)));
            redis.hset("trader", Map.of("PLACE_MULTI", "requested", "MULTI_LEGS", LEGS, "STATUS_MULTI", "PROCESSING"));
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> kotak.requestsTo("/quick/order/rule/ms/place").size() == 1);
            first.destroyForcibly(); // kill -9 between the BUY and the SELL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

            second = startAgent("second"); // settles the in-flight record once the first agent's lease has lapsed
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !"PROCESSING".equals(redis.hget("trader", "STATUS_MULTI")));
            String status = redis.hget("trader", "STATUS_MULTI");
            String message = redis.hget("trader", "MSG_MULTI");

            List<FakeOrder> orders = kotak.orders("PROC1");
            assertThat(orders).extracting(FakeOrder::side).containsExactly("B");
            assertThat(status)
                    .as("the answer (%s: %s) while the broker holds only the BUY leg", status, message)
                    .isNotEqualTo("SUCCESS");
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
