package dev.neoagent.app.demo;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.agent.spot.MarketHours;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.app.AgentProcess;
import dev.neoagent.app.cli.RedisSession;
import dev.neoagent.bootstrap.PaperMaster;
import dev.neoagent.broker.paper.PaperMarket;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.config.UserConfig;
import dev.neoagent.config.UserConfigLoader;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.RequestType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final DemoLock lock;
    private final PaperSettings paper;
    private final String redisUrl;
    private final RedisEndpoint redisEndpoint;
    private final Path home;

    private Demo(
            EmbeddedRedis embedded,
            AgentProcess process,
            DemoLock lock,
            PaperSettings paper,
            String redisUrl,
            RedisEndpoint redisEndpoint,
            Path home) {
        this.embedded = embedded;
        this.process = process;
        this.lock = lock;
        this.paper = paper;
        this.redisUrl = redisUrl;
        this.redisEndpoint = redisEndpoint;
        this.home = home;
    }

    /**
     * Starts the demo, or refuses: a Redis where anything but a demo lives, another demo in the same home folder,
     * or an unreachable Redis each end in one {@link DemoRefused} line with nothing written to that Redis.
     */
    public static Demo start(Map<String, String> environment, PrintStream out, PrintStream err, Clock clock)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        // the usual NEO_HOME (./neo-home by default), so the operator CLI finds the demo user as is
        Path home = AgentConfig.from(env).home();
        EmbeddedRedis embedded = null;
        if (env.getOrDefault("NEO_REDIS_URL", "").isBlank()) {
            embedded = EmbeddedRedis.start(port(env));
            env.put("NEO_REDIS_URL", embedded.url());
        }
        DemoLock lock = null;
        try {
            AgentConfig config = AgentConfig.from(env);
            try (RedisSession session = connect(config, embedded == null)) {
                DemoGuard.checkAndMark(session, mark(home, clock), clock);
                lock = DemoLock.acquire(home.resolve(USER));
                lock.describe("pid " + ProcessHandle.current().pid() + ", Redis at " + config.redactedRedisUrl()
                        + ", since " + clock.instant());
                createDemoUser(home);
                loadPaperMaster(config, clock, out, err);
                PaperSettings paper = demoMarket(env);
                AgentProcess process = startAgent(config, env, paper, out, clock);
                session.redis()
                        .hset(
                                AgentKeys.DEMO,
                                AgentKeys.DEMO_AGENT,
                                process.runtime().instanceId());
                Demo demo = new Demo(
                        embedded, process, lock, paper, env.get("NEO_REDIS_URL"), config.redisEndpoint(), home);
                demo.logIn(session);
                return demo;
            }
        } catch (RuntimeException | InterruptedException e) {
            if (lock != null) {
                lock.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** The demo's Redis, or one line saying it cannot be reached and what to do. */
    private static RedisSession connect(AgentConfig config, boolean given) {
        try {
            return RedisSession.connect(config);
        } catch (RedisException e) {
            throw new DemoRefused(
                    DemoRefused.FAILED,
                    "cannot reach Redis at " + config.redactedRedisUrl() + ": "
                            + RedisSession.reason(e, config)
                            + (given
                                    ? "; start it, or unset NEO_REDIS_URL to let the demo start a Redis of its own"
                                    : "; the demo's own Redis did not answer"));
        }
    }

    private static Map<String, String> mark(Path home, Clock clock) {
        Map<String, String> mark = new LinkedHashMap<>();
        mark.put(AgentKeys.DEMO_STARTED_AT, clock.instant().toString());
        mark.put(AgentKeys.DEMO_PID, String.valueOf(ProcessHandle.current().pid()));
        mark.put(AgentKeys.DEMO_HOST, hostName());
        mark.put(AgentKeys.DEMO_HOME, home.toAbsolutePath().normalize().toString());
        return mark;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "this host";
        }
    }

    /** Loads the synthetic master; its full report is shown only when something went wrong. */
    private static void loadPaperMaster(AgentConfig config, Clock clock, PrintStream out, PrintStream err) {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        String[] caFlag = config.redisCaFile()
                .map(file -> new String[] {AgentConfig.REDIS_CA_FILE.flag(), file.toString()})
                .orElse(new String[0]);
        int loaded = PaperMaster.load(
                config.redisUrl().toString(),
                clock,
                new PrintStream(report, true, StandardCharsets.UTF_8),
                err,
                caFlag);
        if (loaded == 0) {
            out.println("loaded the synthetic paper instrument master (neo-bootstrap --paper)");
        } else {
            out.print(report.toString(StandardCharsets.UTF_8));
            // the guard let only a paper master (or none) through, so a refusal here is a bug or a race
            throw new DemoRefused(
                    DemoRefused.FAILED,
                    "the paper instrument master did not load (neo-bootstrap exit " + loaded + ", see above)");
        }
    }

    /**
     * The paper settings from the environment, with the demo's swing unless {@code NEO_PAPER_SWING} says otherwise:
     * the indices swing through their starting levels once a minute, so the suggested level order fires soon.
     */
    static PaperSettings demoMarket(Map<String, String> env) {
        Map<String, String> demo = new HashMap<>(env);
        if (demo.getOrDefault(PaperSettings.SWING.envVar(), "").isBlank()) {
            // as a percentage, as the variable takes it; NEO_PAPER_SWING_PERIOD_S still applies
            demo.put(
                    PaperSettings.SWING.envVar(),
                    BigDecimal.valueOf(PaperSettings.Swing.DEMO.amplitude())
                            .movePointRight(2)
                            .toPlainString());
        }
        return PaperSettings.from(demo);
    }

    private static AgentProcess startAgent(
            AgentConfig config, Map<String, String> env, PaperSettings paper, PrintStream out, Clock clock)
            throws InterruptedException {
        List<UserConfig> users = new UserConfigLoader().load(config.home(), Optional.of(List.of(USER)), env);
        AgentSettings base = AgentSettings.from(env);
        // The simulated market never closes: poll its spot at the fast rate at any hour.
        SpotSettings spot = new SpotSettings(
                true,
                Optional.of(USER),
                base.spot().interval(),
                base.spot().interval(),
                new MarketHours(LocalTime.MIN, LocalTime.MAX, MarketHours.IST),
                base.spot().maxAge());
        AgentSettings settings = new AgentSettings(
                base.sweepInterval(), base.shutdownGrace(), base.leaseTtl(), base.settlePause(), spot);
        HealthSettings health = HealthSettings.from(env);
        try {
            return AgentProcess.start(config, users, settings, paper, true, health, true, clock);
        } catch (ConfigException e) {
            out.println("note: " + e.getMessage() + "; starting without the health endpoint");
            return AgentProcess.start(config, users, settings, paper, true, HealthSettings.OFF, true, clock);
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
    private void logIn(RedisSession session) {
        session.redis().hset(USER, RequestType.NEO_LOGIN.flagField(), Flags.REQUESTED);
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
        BigDecimal atm =
                spot.divide(BigDecimal.valueOf(50), 0, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(50));
        String cli = "bin/neo-agent";
        String redisFlag = redisUrl.equals("redis://127.0.0.1:6379/0") ? "" : " --redis-url " + redisUrl;
        String cliPort = redisUrl.equals("redis://127.0.0.1:6379/0")
                ? ""
                : " -p " + java.net.URI.create(redisUrl).getPort();
        out.printf(
                """

                neo-agent demo is running: paper broker, simulated NIFTY %s, Redis at %s
                The demo user is "%s" (%s/%s/%s.json). Ctrl-C stops everything.

                Try, in another terminal:
                  %s order%s --uid demo single --index NIFTY --expiry %s --strike %s --type CE --side BUY --lots 1
                  %s order%s --uid demo level --side CE --index NIFTY --level %s --wait --timeout 2m \\
                      --leg "NIFTY %s %s CE BUY 1"
                      (%s)
                  %s status%s --uid demo
                  %s tail%s --uid demo --follow

                Or speak the Redis protocol yourself, as the Streamlit UI does:
                  redis-cli%s HSET demo PLACE_SINGLE requested STATUS_SINGLE PROCESSING SINGLE_LEG '[{"Index": "NIFTY", "Qty": 65, "Side": "BUY", "Expiry": "%s", "Strike": %s, "OptionType": "CE"}]'
                  redis-cli%s HGET demo MSG_SINGLE
                  redis-cli%s HSET demo POSITION requested    (then read %s/demo/positions.csv)
                  redis-cli%s GET NF_SPOT
                """,
                spot.toPlainString(),
                redisUrl,
                USER,
                home,
                USER,
                USER,
                cli,
                redisFlag,
                expiry,
                atm.toPlainString(),
                cli,
                redisFlag,
                suggestedLevel().toPlainString(),
                expiry,
                atm.toPlainString(),
                levelNote(),
                cli,
                redisFlag,
                cli,
                redisFlag,
                cliPort,
                expiry,
                atm.toPlainString(),
                cliPort,
                cliPort,
                home,
                cliPort);
        process.healthPort()
                .ifPresent(port -> out.printf("  health and metrics: http://127.0.0.1:%d/health  /metrics%n", port));
        out.println();
        out.flush();
    }

    /**
     * The NIFTY level the welcome suggests for a breakout (CE) order: where the demo's swinging market crosses
     * upward once every swing period (about a minute by default). With the swing turned off, the market is a plain
     * random walk and no level is sure to be crossed soon: two points above the spot is the best bet.
     */
    public BigDecimal suggestedLevel() {
        if (paper.swing().isPresent()) {
            return PaperMarket.NIFTY_START;
        }
        return market().spot(PaperMarket.NIFTY).add(BigDecimal.valueOf(2)).setScale(0, RoundingMode.CEILING);
    }

    private String levelNote() {
        return paper.swing()
                .map(swing -> "fires when NIFTY next crosses " + PaperMarket.NIFTY_START.toPlainString()
                        + " upward: the demo's NIFTY swings about +/-"
                        + PaperMarket.NIFTY_START
                                .multiply(BigDecimal.valueOf(swing.amplitude()))
                                .setScale(0, RoundingMode.HALF_UP)
                                .toPlainString()
                        + " points around it every " + swing.period().toSeconds() + " s")
                .orElse("NEO_PAPER_SWING=0: NIFTY walks at random, so this may not fire before the timeout");
    }

    private Optional<String> firstExpiry(String underlying) {
        RedisClient client = redisEndpoint.newClient(ClientOptions.create());
        try (StatefulRedisConnection<String, String> connection =
                RedisEndpoint.connect(client, redisEndpoint.uri(Duration.ofSeconds(5)))) {
            return InstrumentResolver.uncached(connection.sync())
                    .expiries(underlying)
                    .flatMap(dates -> dates.stream().findFirst())
                    .map(LocalDate::toString);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        process.close();
        lock.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
