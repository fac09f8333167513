package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
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

    private RedisTestServer redisServer;
    private FakeKotakServer kotak;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void start() throws IOException {
        redisServer = RedisTestServer.start();
        kotak = FakeKotakServer.start();
        kotak.addInstrument("nse_fo", "70001", "NIFTY99DEC26000CE", 65, new BigDecimal("100.00"));
        kotak.addInstrument("nse_fo", "70002", "NIFTY99DEC26200CE", 65, new BigDecimal("60.00"));
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
        redis = connection.sync();
        redis.flushdb();
        redis.hset("NEO_INSTR_OPT", "NIFTY_2099-12-29_CE_26000", "70001");
        redis.hset("NEO_INSTR_OPT", "NIFTY_2099-12-29_CE_26200", "70002");
        redis.hset(
                "NEO_INSTR_META",
                "nse_fo|70002",
                "{\"tsym\": \"NIFTY99DEC26200CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": "
                        + "\"2099-12-29\", \"strike\": \"26200\", \"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", "
                        + "\"freeze\": 1801}");
        redis.hset(
                "NEO_INSTR_META",
                "nse_fo|70001",
                "{\"tsym\": \"NIFTY99DEC26000CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": "
                        + "\"2099-12-29\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", "
                        + "\"freeze\": 1801}");
        redis.hset("NEO_INSTR_EXPIRIES", "NIFTY", "[\"2099-12-29\"]");
        FakeUser user = kotak.addUser("PROC1");
        Path dir = Files.createDirectories(home.resolve("trader"));
        Files.writeString(dir.resolve("trader.json"), """
                {"consumer_key": "%s", "mobile_number": "%s", "ucc": "%s", "mpin": "%s", "totp_secret": "%s"}
                """.formatted(
                        user.consumerKey(), user.mobileNumber(), user.ucc(), user.mpin(), user.totpSecretBase32()));
    }

    @AfterEach
    void stop() {
        connection.close();
        client.shutdown();
        kotak.close();
        redisServer.close();
    }

    private Process startAgent(String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("neo.agent.jar"),
                        "run")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("NEO_REDIS_URL", redisServer.url());
        env.put("NEO_HOME", home.toString());
        env.put("NEO_LOGIN_URL", kotak.loginUrl());
        env.put("NEO_AGENT_LEASE_MS", "1500");
        env.put("NEO_HTTP_PORT", "off");
        env.put("NEO_SPOT", "off");
        env.put("NEO_FEED", "off");
        Process process = builder.start();
        AgentHarness.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> !process.isAlive()
                        || Files.readString(home.resolve(name + ".log")).contains(" of its "));
        assertThat(process.isAlive()).as(name + " started").isTrue();
        return process;
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
