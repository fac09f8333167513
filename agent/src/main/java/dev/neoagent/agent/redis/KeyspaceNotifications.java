package dev.neoagent.agent.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Wakes the right worker when a watched key changes. Keyspace notifications are switched on by the agent
 * ({@code notify-keyspace-events} gains K, h and $, keeping whatever else was set) on every server it finds itself
 * on: at start, after every reconnect, and whenever the server's {@code run_id} changes. A primary promoted by a
 * Sentinel failover, or a restarted server, starts without the setting (it is not replicated and not kept by a
 * server without a config file); lettuce reconnects and subscribes again by itself but cannot know that.
 *
 * <p>A reconnect is seen two ways, so one missed signal does not leave the agent deaf until the next: lettuce's
 * connection events (at once), and a check of {@code INFO server}'s {@code run_id} every {@link #CHECK_EVERY} (one
 * cheap command). A server that refuses CONFIG (a managed Redis) is told about once, in one log line, and the
 * periodic sweep does the work there; the same refusal from the same server is not logged again.
 */
public final class KeyspaceNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyspaceNotifications.class);
    private static final String NEEDED = "Kh$";
    /** How often the server's identity is checked when no connection event said anything. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    /** What {@link #enable()} achieved. */
    public enum Outcome {
        /** The server has the flags (set now or before). */
        ENABLED,
        /** The server answered with an error (CONFIG disabled or not permitted): the sweep does the work. */
        REFUSED,
        /** No answer (disconnected, timeout): try again later. */
        FAILED
    }

    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisCommands<String, String> commands;
    private final Disposable reconnectWatch;
    private final String prefix;
    private final Duration checkEvery;
    private final Semaphore wake = new Semaphore(0);
    private final Thread watcher;
    /** The run_id of the server the flags were last set (or refused) on; null before the first success. */
    private volatile String settledOn;
    /** A connection (re)activated since the last check: check the flags even if the run_id looks the same. */
    private final AtomicBoolean reconnected = new AtomicBoolean(true);

    private volatile Outcome lastLogged;

    /**
     * @param listeners key → what to call when it changes
     */
    public KeyspaceNotifications(
            RedisClient client, RedisURI uri, RedisCommands<String, String> commands, Map<String, Runnable> listeners) {
        this(client, uri, commands, listeners, CHECK_EVERY);
    }

    /** As above, checking the server's identity every {@code checkEvery}. */
    public KeyspaceNotifications(
            RedisClient client,
            RedisURI uri,
            RedisCommands<String, String> commands,
            Map<String, Runnable> listeners,
            Duration checkEvery) {
        this.commands = commands;
        this.checkEvery = checkEvery;
        this.prefix = "__keyspace@" + uri.getDatabase() + "__:";
        check();
        this.pubSub = client.connectPubSub(uri);
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                Runnable listener = listeners.get(channel.substring(prefix.length()));
                if (listener != null) {
                    listener.run();
                }
            }
        });
        pubSub.sync()
                .subscribe(listeners.keySet().stream().map(key -> prefix + key).toArray(String[]::new));
        // Any connection of this client (the agent's, this subscription, a Sentinel lookup) came up: check now.
        Consumer<Object> onEvent = event -> {
            if (event instanceof ConnectionActivatedEvent) {
                reconnected.set(true);
                wake.release();
            }
        };
        this.reconnectWatch = client.getResources().eventBus().get().subscribe(onEvent::accept);
        this.watcher = Thread.ofVirtual().name("keyspace-notifications").start(this::watch);
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wake.tryAcquire(checkEvery.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    /**
     * Enables the flags if this is a server they were not settled on yet (another run_id), or a connection came back
     * since the last check. Never throws: a failure is retried on the next check.
     */
    void check() {
        boolean forced = reconnected.getAndSet(false);
        Optional<String> runId;
        try {
            runId = runId();
        } catch (RuntimeException e) {
            if (forced) {
                reconnected.set(true); // not connected (yet): the next check tries again
            }
            log.debug("keyspace notifications: server not reachable ({})", e.toString());
            return;
        }
        // Without INFO (not permitted) only connection events say the server may have changed.
        boolean otherServer = runId.map(id -> !id.equals(settledOn)).orElse(false);
        if (!forced && !otherServer) {
            return;
        }
        Outcome outcome = enable();
        if (outcome == Outcome.FAILED) {
            reconnected.set(true);
        } else {
            settledOn = runId.orElse(null);
        }
    }

    /** The server's {@code run_id}, empty when INFO is refused; throws when the server does not answer. */
    private Optional<String> runId() {
        try {
            String info = commands.info("server");
            for (String line : info.split("\r?\n")) {
                if (line.startsWith("run_id:")) {
                    return Optional.of(line.substring("run_id:".length()).strip());
                }
            }
            return Optional.empty();
        } catch (RedisCommandExecutionException e) {
            return Optional.empty();
        }
    }

    /** Adds K, h and $ to the server's notify-keyspace-events. */
    public Outcome enable() {
        try {
            String current = commands.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
            String wanted = union(current, NEEDED);
            if (!wanted.equals(current)) {
                commands.configSet("notify-keyspace-events", wanted);
                log.info("keyspace notifications enabled (notify-keyspace-events {} -> {})", quote(current), wanted);
            }
            lastLogged = Outcome.ENABLED;
            return Outcome.ENABLED;
        } catch (RedisCommandExecutionException e) {
            if (lastLogged != Outcome.REFUSED) {
                log.warn(
                        "keyspace notifications not enabled: the server refused CONFIG ({}); requests are picked up"
                                + " by the periodic sweep (NEO_SWEEP_MS)",
                        e.getMessage());
            } else {
                log.debug("keyspace notifications still refused: {}", e.getMessage());
            }
            lastLogged = Outcome.REFUSED;
            return Outcome.REFUSED;
        } catch (RuntimeException e) {
            log.debug("keyspace notifications not enabled yet, the server did not answer: {}", e.toString());
            return Outcome.FAILED;
        }
    }

    /** Flag letters of both, without duplicates; A already covers h and $. */
    static String union(String current, String needed) {
        Set<Character> flags = new LinkedHashSet<>();
        for (char c : current.toCharArray()) {
            flags.add(c);
        }
        for (char c : needed.toCharArray()) {
            if (flags.contains('A') && (c == 'h' || c == '$')) {
                continue;
            }
            flags.add(c);
        }
        StringBuilder out = new StringBuilder();
        flags.forEach(out::append);
        return out.toString();
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    @Override
    public void close() {
        watcher.interrupt();
        reconnectWatch.dispose();
        pubSub.close();
    }
}
