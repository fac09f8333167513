package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Packaged agents as real processes on one Redis and one fake Kotak server, for the tests that stop, kill or pause
 * them: one user {@code trader} (Kotak account {@code PROC1}) and NIFTY 2099-12-29 CE options at the given strikes.
 */
final class PackagedAgents implements AutoCloseable {
    final RedisTestServer redisServer;
    final FakeKotakServer kotak;
    final RedisCommands<String, String> redis;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Path home;

    PackagedAgents(Path home, int... strikes) throws IOException {
        this.home = home;
        redisServer = RedisTestServer.start();
        kotak = FakeKotakServer.start();
        client = RedisClient.create(redisServer.url());
        connection = client.connect();
        redis = connection.sync();
        redis.flushdb();
        for (int i = 0; i < strikes.length; i++) {
            String token = Integer.toString(70001 + i);
            String symbol = "NIFTY99DEC" + strikes[i] + "CE";
            kotak.addInstrument("nse_fo", token, symbol, 65, new BigDecimal("100.00"));
            redis.hset("NEO_INSTR_OPT", "NIFTY_2099-12-29_CE_" + strikes[i], token);
            redis.hset(
                    "NEO_INSTR_META",
                    "nse_fo|" + token,
                    "{\"tsym\": \"" + symbol + "\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": "
                            + "\"2099-12-29\", \"strike\": \"" + strikes[i] + "\", \"opt\": \"CE\", \"lot\": 65, "
                            + "\"tick\": \"0.05\", \"freeze\": 1801}");
        }
        redis.hset("NEO_INSTR_EXPIRIES", "NIFTY", "[\"2099-12-29\"]");
        FakeUser user = kotak.addUser("PROC1");
        Path dir = Files.createDirectories(home.resolve("trader"));
        Files.writeString(dir.resolve("trader.json"), """
                {"consumer_key": "%s", "mobile_number": "%s", "ucc": "%s", "mpin": "%s", "totp_secret": "%s"}
                """.formatted(
                        user.consumerKey(), user.mobileNumber(), user.ucc(), user.mpin(), user.totpSecretBase32()));
    }

    /** Starts {@code bin/neo-agent run} from the packaged jar (lease 1.5 s, no spot, no feeds) and waits until it serves. */
    Process start(String name) throws IOException {
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

    int placeCalls() {
        return kotak.requestsTo("/quick/order/rule/ms/place").size();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        kotak.close();
        redisServer.close();
    }
}
