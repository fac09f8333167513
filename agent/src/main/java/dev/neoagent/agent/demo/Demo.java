package dev.neoagent.agent.demo;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.worker.AgentProcess;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.bootstrap.PaperMaster;
import dev.neoagent.broker.paper.PaperMarket;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole product on one machine with nothing installed but a JDK: an embedded Redis (unless
 * {@code NEO_REDIS_URL} names one), a user on the paper broker, the synthetic instrument master
 * loaded through the real bootstrap, the simulated market and its spot, and the agent serving it.
 */
public final class Demo implements AutoCloseable {
    public static final String USER = "demo";
    /** Port for the embedded Redis: 6379 when free (so plain redis-cli works), 0 for any. */
    public static final String REDIS_PORT_VARIABLE = "NEO_DEMO_REDIS_PORT";

    private final EmbeddedRedis embedded;
    private final AgentProcess process;
    private final String redisUrl;
    private final Path home;

    private Demo(EmbeddedRedis embedded, AgentProcess process, String redisUrl, Path home) {
        this.embedded = embedded;
        this.process = process;
        this.redisUrl = redisUrl;
        this.home = home;
    }

    public static Demo start(Map<String, String> environment, PrintStream out, PrintStream err, Clock clock)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        EmbeddedRedis embedded = null;
        if (env.getOrDefault("NEO_REDIS_URL", "").isBlank()) {
            embedded = EmbeddedRedis.start(port(env));
            env.put("NEO_REDIS_URL", embedded.url());
        }
        try {
            // the usual NEO_HOME (./neo-home by default), so the operator CLI finds the demo user as is
            AgentConfig config = AgentConfig.from(env);
            createDemoUser(config.home());
            int loaded = PaperMaster.load(env.get("NEO_REDIS_URL"), clock, out, err);
            if (loaded == 2) {
                out.println("note: this Redis already holds a larger (real?) instrument master; the demo uses it");
            } else if (loaded != 0) {
                throw new IllegalStateException("the paper instrument master did not load (exit " + loaded + ")");
            }
            List<UserConfig> users = new UserConfigLoader().load(config.home(), Optional.of(List.of(USER)), env);
            AgentSettings base = AgentSettings.from(env);
            // The simulated market never closes: poll its spot at the fast rate at any hour.
            SpotSettings spot = new SpotSettings(true, Optional.of(USER), base.spot().interval(), base.spot().interval(),
                    new MarketHours(LocalTime.MIN, LocalTime.MAX, MarketHours.IST), base.spot().maxAge());
            AgentSettings settings = new AgentSettings(base.sweepInterval(), base.shutdownGrace(), base.leaseTtl(),
                    base.settlePause(), spot);
            HealthSettings health = HealthSettings.from(env);
            AgentProcess process;
            try {
                process = AgentProcess.start(config, users, settings, PaperSettings.from(env), true, health, clock);
            } catch (ConfigException e) {
                out.println("note: " + e.getMessage() + "; starting without the health endpoint");
                process = AgentProcess.start(config, users, settings, PaperSettings.from(env), true, HealthSettings.OFF,
                        clock);
            }
            Demo demo = new Demo(embedded, process, env.get("NEO_REDIS_URL"), config.home());
            demo.logIn();
            return demo;
        } catch (RuntimeException | InterruptedException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    private static int port(Map<String, String> env) {
        String value = env.getOrDefault(REDIS_PORT_VARIABLE, "").strip();
        if (value.isEmpty()) {
            return EmbeddedRedis.PREFERRED_PORT;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(REDIS_PORT_VARIABLE + ": \"" + value + "\" is not a port number");
        }
    }

    /** {@code <home>/demo/demo.json} = {@code {"broker": "paper"}}: no account, no secret. */
    private static void createDemoUser(Path home) {
        Path dir = home.resolve(USER);
        Path file = dir.resolve(USER + ".json");
        try {
            Files.createDirectories(dir);
            if (Files.notExists(file)) {
                Files.writeString(file, "{\n    \"broker\": \"paper\"\n}\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: nothing to protect in this file anyway
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo user under " + home, e);
        }
    }

    /** Logs the demo user in as a UI would, so its hash exists and shows READY from the start. */
    private void logIn() {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().hset(USER, "NEO_LOGIN_REQUEST", "requested");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    public String redisUrl() {
        return redisUrl;
    }

    public Path home() {
        return home;
    }

    /** The simulated market, e.g. for a test that wants the index to cross a level now. */
    public PaperMarket market() {
        return process.brokers().market();
    }

    public AgentProcess process() {
        return process;
    }

    /** What to try next, with real dates and strikes from the loaded master and the current spot. */
    public void printWelcome(PrintStream out) {
        String expiry = firstExpiry("NIFTY").orElse("<expiry>");
        BigDecimal spot = market().spot(PaperMarket.NIFTY);
        BigDecimal atm = spot.divide(BigDecimal.valueOf(50), 0, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(50));
        BigDecimal above = atm.add(BigDecimal.valueOf(50));
        String jar = "java -jar agent/target/neo-agent.jar";
        String redisFlag = redisUrl.equals("redis://127.0.0.1:6379/0") ? "" : " --redis-url " + redisUrl;
        String cliPort = redisUrl.equals("redis://127.0.0.1:6379/0") ? "" : " -p " + java.net.URI.create(redisUrl).getPort();
        out.printf("""

                neo-agent demo is running: paper broker, simulated NIFTY %s, Redis at %s
                The demo user is "%s" (%s/%s/%s.json). Ctrl-C stops everything.

                Try, in another terminal:
                  %s order%s --uid demo single --index NIFTY --expiry %s --strike %s --type CE --side BUY --lots 1
                  %s order%s --uid demo level --side CE --index NIFTY --level %s --wait \\
                      --leg "NIFTY %s %s CE BUY 1"
                  %s status%s --uid demo
                  %s tail%s --uid demo --follow

                Or speak the Redis protocol yourself, as the Streamlit UI does:
                  redis-cli%s HSET demo PLACE_SINGLE requested STATUS_SINGLE PROCESSING SINGLE_LEG '[{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "%s", "Strike": %s, "OptionType": "CE"}]'
                  redis-cli%s HGET demo MSG_SINGLE
                  redis-cli%s HSET demo POSITION requested    (then read %s/demo/positions.csv)
                  redis-cli%s GET NF_SPOT
                """, spot.toPlainString(), redisUrl, USER, home, USER, USER,
                jar, redisFlag, expiry, atm.toPlainString(),
                jar, redisFlag, above.toPlainString(), expiry, atm.toPlainString(),
                jar, redisFlag, jar, redisFlag,
                cliPort, expiry, atm.toPlainString(), cliPort, cliPort, home, cliPort);
        process.healthPort().ifPresent(port ->
                out.printf("  health and metrics: http://127.0.0.1:%d/health  /metrics%n", port));
        out.println();
        out.flush();
    }

    private Optional<String> firstExpiry(String underlying) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return new InstrumentResolver(connection.sync()).expiries(underlying)
                    .flatMap(dates -> dates.stream().findFirst()).map(LocalDate::toString);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        process.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
