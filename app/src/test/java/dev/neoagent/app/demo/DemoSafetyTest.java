package dev.neoagent.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.app.AgentProcess;
import dev.neoagent.app.DemoRedisRefused;
import dev.neoagent.app.cli.Cli;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.UserConfigLoader;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo never touches real trading: it refuses a Redis where anything but a demo lives (one line, exit 2,
 * nothing written), never runs twice on one account or one Redis, and {@code run} refuses a Redis a demo marked.
 */
@Timeout(120)
class DemoSafetyTest {
    @TempDir
    Path home;

    private RedisTestServer server;
    private RedisClient client;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void redis() {
        server = RedisTestServer.start();
        client = RedisClient.create(server.url());
        StatefulRedisConnection<String, String> connection = client.connect();
        redis = connection.sync();
        redis.flushdb();
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("NEO_HOME", home.toString());
        env.put("NEO_REDIS_URL", server.url());
        env.put("NEO_HTTP_PORT", "0");
        return env;
    }

    @Test
    void refusesARedisHoldingARealInstrumentMaster() {
        redis.hset(
                "NEO_INSTR_INFO",
                Map.of(
                        "loaded_at",
                        "2026-12-07T08:00:00+05:30",
                        "source",
                        "{\"nse_fo\": \"https://lapi.kotaksecurities.com/nse_fo.csv\"}"));

        Map<String, String> before = snapshot();

        Result result = demo(env());

        assertRefusedWithNothingWritten(
                before,
                result,
                "this Redis holds a real instrument master (NEO_INSTR_INFO loaded at " + "2026-12-07T08:00:00+05:30)");
    }

    @Test
    void refusesARedisWhereAnAgentIsRunning() {
        redis.set("NEO_AGENT:ab12cd34", "4242", SetArgs.Builder.px(60_000));

        Map<String, String> before = snapshot();

        Result result = demo(env());

        assertRefusedWithNothingWritten(
                before, result, "an agent is serving this Redis (NEO_AGENT:ab12cd34, pid 4242)");
    }

    @Test
    void refusesARedisHoldingOtherUsersData() {
        redis.hset("ITC2766", "LOGIN_STATUS", "SUCCESS");
        redis.hset("AB123", "OI_ENGINE_ENABLED", "OFF");

        Map<String, String> before = snapshot();

        Result result = demo(env());

        assertRefusedWithNothingWritten(before, result, "this Redis holds other users' data (AB123, ITC2766)");
    }

    @Test
    void aPaperMasterAndItsOwnUserAreFine() throws Exception {
        redis.hset(
                "NEO_INSTR_INFO", "source", "{\"nse_fo\": \"synthetic (paper)\", \"nse_cm\": \"synthetic (paper)\"}");
        redis.hset("demo", "LOGIN_STATUS", "SUCCESS");

        Demo demo = Demo.start(env(), quiet(), quiet(), Clock.systemUTC());
        try {
            assertThat(redis.hgetall("NEO_DEMO"))
                    .containsKeys("started_at", "pid", "host", "home")
                    .containsEntry("agent", demo.process().runtime().instanceId());
        } finally {
            demo.close();
        }
    }

    @Test
    void aSecondDemoOnTheSameRedisRefusesNamingTheFirst(@TempDir Path otherHome) throws Exception {
        Demo first = Demo.start(env(), quiet(), quiet(), Clock.systemUTC());
        try {
            Map<String, String> mark = redis.hgetall("NEO_DEMO");
            Map<String, String> second = env();
            second.put("NEO_HOME", otherHome.toString());

            Result result = demo(second);

            assertThat(result.exit).isEqualTo(2);
            assertThat(result.err.strip().lines()).hasSize(1);
            assertThat(result.err)
                    .startsWith("neo-agent demo: another demo is running on this Redis (pid "
                            + ProcessHandle.current().pid())
                    .contains("home " + home.toAbsolutePath());
            assertThat(redis.hgetall("NEO_DEMO"))
                    .as("the first demo's mark is untouched")
                    .isEqualTo(mark);
            assertThat(otherHome).isEmptyDirectory();
        } finally {
            first.close();
        }
    }

    @Test
    void aSecondDemoInTheSameHomeRefusesEvenWithARedisOfItsOwn() throws Exception {
        Map<String, String> embedded =
                new HashMap<>(Map.of("NEO_HOME", home.toString(), "NEO_HTTP_PORT", "0", Demo.REDIS_PORT_VARIABLE, "0"));
        Demo first = Demo.start(embedded, quiet(), quiet(), Clock.systemUTC());
        try {
            Result result = demo(embedded);

            assertThat(result.exit).isEqualTo(2);
            assertThat(result.err.strip().lines()).hasSize(1);
            assertThat(result.err)
                    .startsWith("neo-agent demo: another demo is running from " + home + " (pid "
                            + ProcessHandle.current().pid() + ", Redis at " + first.redisUrl())
                    .contains("NEO_HOME=<another folder>");
        } finally {
            first.close();
        }
    }

    @Test
    void anUnreachableRedisIsOneLine() throws IOException {
        Map<String, String> env = env();
        env.put("NEO_REDIS_URL", "redis://127.0.0.1:" + closedPort() + "/0");

        Result result = demo(env);

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err.strip().lines()).hasSize(1);
        assertThat(result.err)
                .startsWith(
                        "neo-agent demo: cannot reach Redis at " + env.get("NEO_REDIS_URL") + ": Connection refused")
                .contains("unset NEO_REDIS_URL");
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void runRefusesARedisMarkedAsADemoUnlessAllowed() throws Exception {
        redis.hset("NEO_DEMO", Map.of("started_at", "2026-12-07T01:00:00Z", "pid", "99", "host", "laptop"));
        Files.createDirectories(home.resolve("u1"));
        Files.writeString(home.resolve("u1/u1.json"), "{\"broker\": \"paper\"}");
        AgentConfig config = AgentConfig.from(env());

        Result run = cli(env(), "run");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip().lines()).hasSize(1);
        assertThat(run.err)
                .startsWith("refusing to run: Redis at " + server.url() + " is a demo's (NEO_DEMO: the demo"
                        + " of pid 99 on laptop ran here since 2026-12-07T01:00:00Z")
                .contains("--allow-demo-redis");
        assertThatThrownBy(() -> startAgent(config, false)).isInstanceOf(DemoRedisRefused.class);
        assertThat(redis.keys("NEO_AGENT:*")).as("no agent started").isEmpty();

        AgentProcess allowed = startAgent(config, true);
        try {
            assertThat(redis.keys("NEO_AGENT:*")).hasSize(1);
        } finally {
            allowed.close();
        }
    }

    private AgentProcess startAgent(AgentConfig config, boolean demoRedisAllowed) throws InterruptedException {
        return AgentProcess.start(
                config,
                new UserConfigLoader().load(home, Optional.of(List.of("u1")), Map.of()),
                AgentSettings.from(Map.of()),
                PaperSettings.defaults(),
                true,
                HealthSettings.OFF,
                demoRedisAllowed,
                Clock.systemUTC());
    }

    private void assertRefusedWithNothingWritten(Map<String, String> before, Result result, String what) {
        assertThat(result.exit).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err.strip().lines()).as(result.err).hasSize(1);
        assertThat(result.err)
                .startsWith("neo-agent demo: the demo refuses this Redis: " + what)
                .contains("unset NEO_REDIS_URL");
        assertThat(redis.exists("NEO_DEMO", "demo")).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(redis.hgetall("NEO_INSTR_INFO")).doesNotContainKey("opt_count");
        assertThat(home).isEmptyDirectory();
    }

    /** Every key and its type: what a refused demo must leave as it found it. */
    private Map<String, String> snapshot() {
        Map<String, String> keys = new TreeMap<>();
        redis.keys("*").forEach(key -> keys.put(key, redis.type(key)));
        return keys;
    }

    private Result demo(Map<String, String> env) {
        return cli(env, "demo");
    }

    private static Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exit, String out, String err) {}
}
