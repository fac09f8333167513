package dev.neoagent.app.cli;

import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.RedisEndpoint;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One short-lived Redis connection for an operator command. Unlike the agent, which waits Redis
 * out, a command that cannot reach Redis says so at once: a 2 s connect timeout, no reconnect.
 */
public final class RedisSession implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than the longest blocking read we issue ({@code XREAD BLOCK} in {@code tail --follow}). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisSession(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects, or fails with {@code cannot reach Redis at <url with the password masked>: <reason>} and what to
     * check.
     */
    public static RedisSession open(AgentConfig config) {
        try {
            return connect(config);
        } catch (RedisException e) {
            throw CliFailure.failed("cannot reach Redis at " + config.redactedRedisUrl() + ": " + reason(e, config)
                    + " (is Redis running there? --redis-url or NEO_REDIS_URL names the one to use)");
        }
    }

    /**
     * Connects (any URL form {@link RedisEndpoint} reads, trusting the CA file if one is given), or throws the driver's
     * exception (see {@link #reason} for a message an operator can read).
     */
    public static RedisSession connect(AgentConfig config) {
        RedisEndpoint endpoint = config.redisEndpoint();
        RedisClient client = endpoint.newClient(ClientOptions.builder()
                // a lost connection must fail the command, not queue it behind a reconnect
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        try {
            return new RedisSession(client, RedisEndpoint.connect(client, endpoint.uri(COMMAND_TIMEOUT)));
        } catch (RedisException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /**
     * Ids of the agents whose liveness lease ({@code NEO_AGENT:<id>}) is set, i.e. running agents
     * on this Redis. Used to tell "no agent is running" from "the agent is slow".
     */
    public List<String> liveAgents() {
        return scanKeys(AgentLease.key("*")).stream()
                .map(key -> key.substring(AgentLease.key("").length()))
                .sorted()
                .toList();
    }

    /** Every key matching a glob pattern, by {@code SCAN} (never {@code KEYS}, which blocks the server). */
    public List<String> scanKeys(String pattern) {
        return scanKeys(ScanArgs.Builder.matches(pattern).limit(500));
    }

    List<String> scanKeys(ScanArgs args) {
        List<String> keys = new ArrayList<>();
        KeyScanCursor<String> cursor = redis().scan(ScanCursor.INITIAL, args);
        while (true) {
            keys.addAll(cursor.getKeys());
            if (cursor.isFinished()) {
                return keys;
            }
            cursor = redis().scan(cursor, args);
        }
    }

    /**
     * Why it failed, in one line with the URL's password masked: the innermost cause's message ("Connection refused:
     * /127.0.0.1:6390", "WRONGPASS ..."), or what is wrong with a TLS certificate ({@link RedisEndpoint#reason}).
     */
    public static String reason(Throwable e, AgentConfig config) {
        return config.redisEndpoint().reason(e);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
