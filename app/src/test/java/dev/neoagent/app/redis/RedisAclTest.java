package dev.neoagent.app.redis;

import static dev.neoagent.app.redis.AgentOnRedis.UID;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.neoagent.agent.redis.KeyspaceNotifications;
import dev.neoagent.app.AgentWithoutUsers;
import dev.neoagent.app.cli.Cli;
import dev.neoagent.bootstrap.PaperMaster;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.testing.LogCapture;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis://user:password@host} with a Redis 6 ACL user limited by the rule the README gives operators: the agent,
 * the operator CLI and the bootstrap work with it; a wrong password is one clear line that never shows the password;
 * a user that may not use CONFIG (as on a managed Redis) is still served, by the sweep, with one log line about it.
 */
class RedisAclTest {
    /** The README's rule: everything but the dangerous commands, with CONFIG GET/SET and INFO given back. */
    static final String RULE = "on >%s ~* &* +@all -@dangerous +config|get +config|set +info";

    private static final String PASSWORD = "s3cret-Pw.42";

    @TempDir
    Path dir;

    private RedisTestServer server;
    private RedisClient admin;
    private RedisCommands<String, String> redis;
    private AgentOnRedis agent;

    @BeforeEach
    void start() {
        server = RedisTestServer.start();
        Assumptions.assumeTrue(
                server.isEmbedded(), "creates ACL users: needs the embedded Redis, not " + RedisTestServer.ENV_URL);
        admin = RedisClient.create(server.url());
        redis = admin.connect().sync();
        setUser("neo", RULE.formatted(PASSWORD));
        AgentOnRedis.loadInstruments(redis);
        agent = new AgentOnRedis(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (admin != null) {
            admin.shutdown();
        }
        server.close();
    }

    /** {@code ACL SETUSER <name> reset <rule>}, the rule written as an operator types it. */
    private void setUser(String name, String rule) {
        redis.dispatch(
                CommandType.ACL,
                new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8)
                        .add("SETUSER")
                        .add(name)
                        .add("reset")
                        .addValues(List.of(rule.split(" "))));
    }

    private String url(String user, String password) {
        return "redis://" + user + ":" + password + "@127.0.0.1:" + server.port() + "/0";
    }

    @Test
    @Timeout(60)
    void theAgentTheCliAndTheBootstrapWorkAsAnAclUserUnderTheReadmeRule() throws Exception {
        String url = url("neo", PASSWORD);
        // a 60 s sweep: served at once only because the user may switch keyspace notifications on
        agent.start(Map.of("NEO_REDIS_URL", url, "NEO_SWEEP_MS", "60000"));
        AgentOnRedis.requestOrder(redis);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> "SUCCESS".equals(redis.hget(UID, "STATUS_SINGLE")));
        assertThat(redis.clientList()).contains("user=neo");

        Result status = cli(Map.of(), "status", "--redis-url", url);
        assertThat(status.code).as(status.err).isZero();
        assertThat(status.out).contains("agents       1 running").doesNotContain(PASSWORD);

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(report, true, StandardCharsets.UTF_8);
        assertThat(PaperMaster.load(url, Clock.systemUTC(), both, both))
                .as(report.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    @Test
    @Timeout(60)
    void aWrongPasswordIsOneClearLineWithoutThePassword() throws Exception {
        String url = url("neo", "Wrong-Pw.7");

        Result status = cli(Map.of(), "status", "--redis-url", url);
        assertThat(status.code).isEqualTo(1);
        assertThat(status.err.lines()).hasSize(1);
        assertThat(status.err)
                .startsWith("cannot reach Redis at redis://neo:****@127.0.0.1:" + server.port() + "/0: WRONGPASS")
                .contains("check the user name and password in the Redis URL")
                .doesNotContain("Wrong-Pw.7");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(PaperMaster.load(url, Clock.systemUTC(), errStream, errStream))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WRONGPASS").doesNotContain("Wrong-Pw.7");

        AgentConfig config = AgentConfig.from(Map.of("NEO_REDIS_URL", url, "NEO_HOME", dir.toString()));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (LogCapture log = LogCapture.everything()) {
            Thread starting = AgentWithoutUsers.startInBackground(config, ended);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> log.all().stream().anyMatch(line -> line.contains("not reachable (WRONGPASS")));
            starting.interrupt();
            starting.join(10_000);
            assertThat(log.all()).noneMatch(line -> line.contains("Wrong-Pw.7"));
        }
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    @Timeout(60)
    void aUserThatMayNotUseConfigIsServedByTheSweepWithOneLogLine() throws Exception {
        setUser("managed", "on >%s ~* &* +@all -@dangerous +info".formatted(PASSWORD));
        try (LogCapture log = new LogCapture(KeyspaceNotifications.class)) {
            agent.start(Map.of("NEO_REDIS_URL", url("managed", PASSWORD), "NEO_SWEEP_MS", "200"));
            AgentOnRedis.requestOrder(redis);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> "SUCCESS".equals(redis.hget(UID, "STATUS_SINGLE")));
            assertThat(redis.configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .as("never switched on: the sweep served it")
                    .isEmpty();

            // every reconnect checks again, and is told no again: not worth another warning
            redis.clientKill(KillArgs.Builder.user("managed"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> log.messages(Level.DEBUG).stream()
                            .anyMatch(line -> line.startsWith("keyspace notifications still refused")));
            AgentOnRedis.requestOrder(redis);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> "SUCCESS".equals(redis.hget(UID, "STATUS_SINGLE")));

            assertThat(log.messages(Level.WARN))
                    .singleElement()
                    .asString()
                    .startsWith("keyspace notifications not enabled: the server refused CONFIG (NOPERM")
                    .contains("picked up by the periodic sweep");
        }
        assertThat(agent.placeCalls()).isEqualTo(2);
    }

    private record Result(int code, String out, String err) {}

    private Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new HashMap<>(env);
        all.put("NEO_HOME", dir.resolve("home").toString());
        int code = Cli.run(
                args,
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
