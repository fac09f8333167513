package dev.neoagent.app.redis;

import dev.neoagent.agent.it.AgentHarness;
import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.app.AgentProcess;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.RiskLimits;
import dev.neoagent.testing.FakeKotakServer;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One user on the fake Kotak server, served by {@code neo-agent run}'s {@link AgentProcess} (in this JVM) on whatever
 * Redis the environment names: for the tests of the Redis URL forms (Sentinel, TLS, ACL users).
 */
final class AgentOnRedis implements AutoCloseable {
    static final String UID = "trader";
    static final String LEG = "[{\"Index\": \"NIFTY\", \"OrderType\": \"NRML\", \"Qty\": 65, \"Side\": \"BUY\", "
            + "\"Expiry\": \"2099-12-29\", \"Strike\": 26000, \"OptionType\": \"CE\", \"ExecutionType\": \"MARKET\"}]";

    final FakeKotakServer kotak = FakeKotakServer.start();
    final FakeUser user;
    private final Path home;
    private AgentProcess process;

    AgentOnRedis(Path home) {
        this.home = home;
        kotak.addInstrument("nse_fo", "70001", "NIFTY99DEC26000CE", 65, new BigDecimal("100.00"));
        user = kotak.addUser("HA1");
        try {
            Files.createDirectories(home.resolve(UID));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The instrument master the order needs, as the bootstrap writes it. */
    static void loadInstruments(RedisCommands<String, String> redis) {
        redis.hset("NEO_INSTR_OPT", "NIFTY_2099-12-29_CE_26000", "70001");
        redis.hset(
                "NEO_INSTR_META",
                "nse_fo|70001",
                "{\"tsym\": \"NIFTY99DEC26000CE\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", \"expiry\": \"2099-12-29\","
                        + " \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        redis.hset("NEO_INSTR_EXPIRIES", "NIFTY", "[\"2099-12-29\"]");
    }

    /**
     * Starts the agent as {@code run} does, with {@code env} (NEO_REDIS_URL, NEO_REDIS_CA_FILE, NEO_SWEEP_MS ...)
     * over this user's home and the fake broker; returns once it serves.
     */
    AgentProcess start(Map<String, String> env) throws InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("NEO_HOME", home.toString());
        all.put("NEO_LOGIN_URL", kotak.loginUrl());
        all.put("NEO_FEED", "off");
        AgentConfig config = AgentConfig.from(all);
        process = AgentProcess.start(
                config,
                List.of(AgentHarness.userConfig(
                        UID, user, home.resolve(UID).resolve(UID + ".json"), RiskLimits.DEFAULT)),
                AgentSettings.from(all),
                PaperSettings.defaults(),
                false,
                HealthSettings.OFF,
                false,
                Clock.systemUTC());
        return process;
    }

    /** An order request as the UI writes it, the previous answer cleared first. */
    static void requestOrder(RedisCommands<String, String> redis) {
        redis.hdel(UID, "STATUS_SINGLE", "MSG_SINGLE");
        redis.hset(UID, Map.of("PLACE_SINGLE", "requested", "SINGLE_LEG", LEG, "STATUS_SINGLE", "PROCESSING"));
    }

    int placeCalls() {
        return kotak.requestsTo("/quick/order/rule/ms/place").size();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        kotak.close();
    }
}
