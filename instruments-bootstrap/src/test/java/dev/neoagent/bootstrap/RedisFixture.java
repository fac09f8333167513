package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Redis for one test class, a client to inspect it, and the CLI run in-process against it. */
final class RedisFixture implements AutoCloseable {

    static final List<String> ALL_KEYS = List.of(
            InstrumentKeys.INSTR_OPT,
            InstrumentKeys.INSTR_EQ,
            InstrumentKeys.INSTR_META,
            InstrumentKeys.INSTR_EXPIRIES,
            InstrumentKeys.INSTR_INFO,
            InstrumentKeys.LEGACY_XTS_INSTR,
            InstrumentKeys.LEGACY_XTS_INSTR_EQ);

    final RedisTestServer server;
    final RedisClient client;
    final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> redis;

    RedisFixture() {
        server = RedisTestServer.start();
        client = RedisClient.create(server.url());
        connection = client.connect();
        redis = connection.sync();
    }

    /** Our keys only: an external test Redis (NEO_TEST_REDIS_URL) may hold other data. */
    void clear() {
        redis.del(ALL_KEYS.toArray(new String[0]));
        List<String> temps = redis.keys("NEO_INSTR_*:loading:*");
        if (!temps.isEmpty()) {
            redis.del(temps.toArray(new String[0]));
        }
    }

    /** Every instrument hash, for "nothing changed" comparisons. */
    Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String key : ALL_KEYS) {
            all.put(key, new TreeMap<>(redis.hgetall(key)));
        }
        return all;
    }

    record Result(int exit, String out, String err) {}

    Result run(Clock clock, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("NEO_REDIS_URL", server.url());
        return runWithEnv(env, clock, args);
    }

    static Result runWithEnv(Map<String, String> env, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BootstrapMain.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                clock);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        server.close();
    }
}
