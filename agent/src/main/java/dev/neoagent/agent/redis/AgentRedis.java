package dev.neoagent.agent.redis;

import dev.neoagent.config.RedisEndpoint;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the long-running agent talks to Redis, whatever the URL's form ({@link RedisEndpoint}: one server, TLS, Sentinel,
 * ACL user): a 5 s command timeout, a 2 s connect timeout, commands rejected at once while disconnected (workers back
 * off and retry rather than queue claims and answers to replay later in an order nobody chose), and reconnect attempts
 * at most {@link #MAX_RECONNECT_DELAY} apart, so the agent is back within seconds of a Sentinel failover or a restart.
 * Through a Sentinel URL every reconnect asks the Sentinels for the current primary.
 */
public final class AgentRedis {
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    /** 100 ms, then doubling from 128 ms up to 2 s: 100, 100, ..., 128, 256, 512, 1024, 2000, 2000 ... */
    private static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS);

    private AgentRedis() {}

    /** The agent's URI for this endpoint. */
    public static RedisURI uri(RedisEndpoint endpoint) {
        return endpoint.uri(COMMAND_TIMEOUT);
    }

    /** The agent's client, trusting the endpoint's CA file (if any) for TLS. */
    public static RedisClient client(RedisEndpoint endpoint) {
        return RedisEndpoint.reconnectingClient(endpoint.clientOptions(options()), RECONNECT_DELAY);
    }

    /** The agent's client, trusting the JVM's CAs for TLS. */
    public static RedisClient client() {
        return RedisEndpoint.reconnectingClient(options(), RECONNECT_DELAY);
    }

    static ClientOptions options() {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build();
    }
}
