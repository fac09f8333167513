package dev.neoagent.agent.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Wakes the right worker when a watched key changes. Keyspace notifications are switched on by the
 * agent ({@code notify-keyspace-events} gains K, h and $, keeping whatever else was set) at start
 * and after every reconnect; a server that refuses CONFIG leaves the periodic sweep to do the work.
 */
public final class KeyspaceNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyspaceNotifications.class);
    private static final String NEEDED = "Kh$";

    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisCommands<String, String> commands;
    private final Disposable reconnectWatch;
    private final String prefix;

    /**
     * @param listeners key → what to call when it changes
     */
    public KeyspaceNotifications(
            RedisClient client, RedisURI uri, RedisCommands<String, String> commands, Map<String, Runnable> listeners) {
        this.commands = commands;
        this.prefix = "__keyspace@" + uri.getDatabase() + "__:";
        enable();
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
        // A restarted Redis forgets the setting; lettuce resubscribes by itself but cannot know that.
        Consumer<Object> onEvent = event -> {
            if (event instanceof ConnectionActivatedEvent) {
                Thread.ofVirtual().start(this::enable);
            }
        };
        this.reconnectWatch = client.getResources().eventBus().get().subscribe(onEvent::accept);
    }

    /** Adds K, h and $ to the server's notify-keyspace-events. Returns false when the server refuses. */
    public boolean enable() {
        try {
            String current = commands.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
            String wanted = union(current, NEEDED);
            if (!wanted.equals(current)) {
                commands.configSet("notify-keyspace-events", wanted);
                log.info("keyspace notifications enabled (notify-keyspace-events {} -> {})", quote(current), wanted);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "keyspace notifications not enabled ({}); requests are picked up by the periodic sweep",
                    e.getMessage());
            return false;
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
        reconnectWatch.dispose();
        pubSub.close();
    }
}
