package dev.neoagent.agent.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripts see exactly the keys and arguments given, by SHA or by text, whatever the server's script cache holds. */
class LuaScriptTest {
    private static final LuaScript ECHO = LuaScript.fromResource("echo_test.lua");
    private static final LuaScript COUNT = LuaScript.fromResource("count_test.lua");
    /** Non-ASCII (é, ₹, a character outside the BMP), an empty value, digits, a JSON text. */
    private static final String[] ARGS = {"café ₹65 \uD83D\uDE00", "", "42", "{\"Qty\": 65, \"Side\": \"BUY\"}"};

    private static RedisTestServer server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        server = RedisTestServer.start();
        client = RedisClient.create(server.url());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterAll
    static void stop() {
        connection.close();
        client.shutdown();
        server.close();
    }

    @BeforeEach
    void emptyCache() {
        redis.flushdb();
        redis.scriptFlush();
        redis.configResetstat();
    }

    @Test
    void passesKeysAndArgumentsUnchangedFirstByTextThenBySha() {
        String[] keys = {"k:ü", "k2"};
        for (int run = 0; run < 2; run++) { // the first run finds no script cached and sends the text
            List<Object> seen = ECHO.run(redis, ScriptOutputType.MULTI, keys, ARGS);
            assertThat(seen).containsExactly("k:ü", "k2", ARGS[0], ARGS[1], ARGS[2], ARGS[3]);
        }
        assertThat(redis.get("k:ü")).isEqualTo(ARGS[0]);
        assertThat(calls("eval")).isEqualTo(1); // once by text, then by SHA only
        assertThat(calls("evalsha")).isEqualTo(2);
    }

    @Test
    void integerReplies() {
        Long count = COUNT.run(redis, ScriptOutputType.INTEGER, new String[] {"a"}, "x", "y");
        assertThat(count).isEqualTo(3L);
        redis.scriptFlush(); // as after a Redis restart
        Long again = COUNT.run(redis, ScriptOutputType.INTEGER, new String[0]);
        assertThat(again).isZero();
    }

    @Test
    void runsWithoutWaitingEvenAfterTheCacheWasFlushed() throws Exception {
        ECHO.run(redis, ScriptOutputType.MULTI, new String[] {"a"}, "first");
        redis.scriptFlush();
        ECHO.runAsync(connection.async(), new String[] {"a"}, ARGS)
                .toCompletableFuture()
                .get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(redis.get("a")).isEqualTo(ARGS[0]);
    }

    /** How often the server ran a command since the last CONFIG RESETSTAT (failed calls included). */
    private static long calls(String command) {
        for (String line : redis.info("commandstats").split("\\R")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String rest = line.substring(("cmdstat_" + command + ":calls=").length());
                return Long.parseLong(rest.substring(0, rest.indexOf(',')));
            }
        }
        return 0;
    }
}
