package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent as a real process: served requests, SIGTERM with an order in flight, and
 * kill -9 while an order is in flight followed by a restart that settles it without resending.
 */
class AgentProcessIT {
    private static final String LEG =
            "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
                    + "\"Expiry\": \"2099-12-29\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";

    @TempDir
    Path home;

    private RedisTestServer redisServer;
    private FakeKotakServer kotak;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private FakeUser user;

    @BeforeEach
    void start() throws IOException {
        redisServer = RedisTestServer.start();
        kotak = FakeKotakServer.start();
        kotak.addInstrument("nse_fo", "70001", "NIFTY99DEC26000CE", 65, new BigDecimal("100.00"));
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
        redis = connection.sync();
        redis.flushdb();
        redis.hset("NEO_INSTR_OPT", "NIFTY_2099-12-29_CE_26000", "70001");
        redis.hset(
                "NEO_INSTR_META",
                "nse_fo|70001",
                "{\"tsym\": \"NIFTY99DEC26000CE\", \"seg\": \"nse_fo\", "
                        + "\"name\": \"NIFTY\", \"expiry\": \"2099-12-29\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                        + "\"tick\": \"0.05\", \"freeze\": 1801}");
        redis.hset("NEO_INSTR_EXPIRIES", "NIFTY", "[\"2099-12-29\"]");
        user = kotak.addUser("PROC1");
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

    private Process startAgent() throws IOException {
        return startAgent(Duration.ofMillis(1500));
    }

    private Process startAgent(Duration lease) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("neo.agent.jar"),
                        "run")
                .redirectErrorStream(true)
                .redirectOutput(
                        home.resolve("agent-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("NEO_REDIS_URL", redisServer.url());
        env.put("NEO_HOME", home.toString());
        env.put("NEO_LOGIN_URL", kotak.loginUrl());
        env.put("NEO_AGENT_LEASE_MS", Long.toString(lease.toMillis()));
        env.put("NEO_HTTP_PORT", "off");
        return builder.start();
    }

    private void requestOrder() {
        redis.hset("trader", Map.of("PLACE_SINGLE", "requested", "SINGLE_LEG", LEG, "STATUS_SINGLE", "PROCESSING"));
    }

    private int placeCalls() {
        return kotak.requestsTo("/quick/order/rule/ms/place").size();
    }

    @Test
    @Timeout(90)
    void killMinus9WhileAnOrderIsInFlightThenRestartSettlesItWithoutResending() throws Exception {
        Process first = startAgent();
        try {
            kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(6)));
            requestOrder();
            AgentHarness.await().atMost(Duration.ofSeconds(30)).until(() -> placeCalls() == 1);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no answer written
            first.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(redis.hget("trader", "PLACE_SINGLE")).isEqualTo("processing");
        assertThat(redis.hlen("NEO_INFLIGHT:trader")).isEqualTo(1);

        Process second = startAgent();
        try {
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "SUCCESS".equals(redis.hget("trader", "STATUS_SINGLE")));
            assertThat(redis.hget("trader", "MSG_SINGLE")).contains("confirmed from the order book after a restart");
            assertThat(placeCalls()).isEqualTo(1);
            assertThat(kotak.orders("PROC1")).hasSize(1);
            assertThat(redis.hlen("NEO_INFLIGHT:trader")).isZero();
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(90)
    void killMinus9ThenARestartOnTheSameHostTakesTheUserBackWithoutWaitingOutTheLease() throws Exception {
        Duration lease = Duration.ofMinutes(2);
        Process first = startAgent(lease);
        try {
            kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(6)));
            requestOrder();
            AgentHarness.await().atMost(Duration.ofSeconds(30)).until(() -> placeCalls() == 1);
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
        String killed = redis.get("NEO_OWNER:trader");
        assertThat(redis.exists("NEO_AGENT:" + killed))
                .as("the killed agent's lease still runs")
                .isOne();

        long restartedAt = System.nanoTime();
        Process second = startAgent(lease);
        try {
            AgentHarness.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "SUCCESS".equals(redis.hget("trader", "STATUS_SINGLE")));
            // its pid is gone from this host: no need to wait out the two-minute lease
            assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).isLessThan(lease.dividedBy(4));
            assertThat(redis.get("NEO_OWNER:trader")).isNotEqualTo(killed);
            assertThat(placeCalls()).isEqualTo(1);
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(90)
    void sigtermLetsTheOrderInFlightFinishAndExitsCleanly() throws Exception {
        Process agent = startAgent();
        kotak.failNext("/quick/order/rule/ms/place", Fault.delay(Duration.ofSeconds(2)));
        requestOrder();
        AgentHarness.await().atMost(Duration.ofSeconds(30)).until(() -> placeCalls() == 1);

        agent.destroy(); // SIGTERM

        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isIn(0, 143);
        assertThat(redis.hget("trader", "STATUS_SINGLE")).isEqualTo("SUCCESS");
        assertThat(redis.hget("trader", "PLACE_SINGLE")).isEqualTo("fetched");
        assertThat(redis.hlen("NEO_INFLIGHT:trader")).isZero();
        // after the stop nothing is claimed any more
        redis.hset("trader", Map.of("BALANCE", "requested"));
        assertThat(redis.hget("trader", "BALANCE")).isEqualTo("requested");
        assertThat(new File(home.toFile(), "trader").isDirectory()).isTrue();
    }
}
