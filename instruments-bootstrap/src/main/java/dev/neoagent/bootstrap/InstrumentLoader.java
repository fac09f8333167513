package dev.neoagent.bootstrap;

import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.contract.InstrumentKeys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes instrument hashes so that no reader ever sees one missing or half filled:
 * <ol>
 *   <li>{@link #watchPrevious()} WATCHes NEO_INSTR_INFO and reads it (the previous load's counts);</li>
 *   <li>{@link #publish} writes every hash under a temporary key unique to this run ({@code <key>:loading:<run>},
 *       pipelined, many fields per HSET, with a one-hour expiry so a killed run leaves nothing behind for
 *       long), then in one MULTI/EXEC renames each temporary key over its live key and removes the expiry
 *       (RENAME carries the TTL over). A hash with no fields cannot be renamed (there is no key), so its live
 *       key is deleted in the same transaction instead.</li>
 * </ol>
 * If another load published in between (the WATCH fires), nothing is changed and {@link ConcurrentLoad} is
 * thrown: this run's size check was made against a state that no longer exists. On any failure the temporary
 * keys are deleted.
 */
final class InstrumentLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentLoader.class);

    /** Fields per HSET: large enough to amortise round trips, small enough not to stall Redis. */
    static final int FIELDS_PER_COMMAND = 1000;

    static final long TEMP_KEY_TTL_SECONDS = 3600;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** Thrown when another load replaced the instruments while this one was preparing. */
    static final class ConcurrentLoad extends RuntimeException {
        ConcurrentLoad(String message) {
            super(message);
        }
    }

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> sync;
    private final String runId;

    private InstrumentLoader(RedisClient client, StatefulRedisConnection<String, String> connection, String runId) {
        this.client = client;
        this.connection = connection;
        this.sync = connection.sync();
        this.runId = runId;
    }

    /**
     * Connects (fails fast when Redis is unreachable, before anything is downloaded), by any URL form
     * {@link RedisEndpoint} reads (TLS with the CA file, Sentinel, ACL user).
     *
     * @param runId unique per run; becomes part of the temporary key names
     */
    static InstrumentLoader connect(RedisEndpoint redis, String runId) {
        RedisClient client = redis.newClient(ClientOptions.create());
        try {
            return new InstrumentLoader(client, RedisEndpoint.connect(client, redis.uri(COMMAND_TIMEOUT)), runId);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /** WATCHes NEO_INSTR_INFO and returns what it says about the previous load. */
    Optional<PreviousLoad> watchPrevious() {
        sync.watch(InstrumentKeys.INSTR_INFO);
        return PreviousLoad.fromInfo(sync.hgetall(InstrumentKeys.INSTR_INFO));
    }

    /** The temporary key this run writes for {@code liveKey}. */
    String tempKey(String liveKey) {
        return liveKey + ":loading:" + runId;
    }

    /**
     * Replaces every given hash at once.
     *
     * @param hashes live key → its complete new content (an empty map deletes the live key)
     * @throws ConcurrentLoad if NEO_INSTR_INFO changed since {@link #watchPrevious()}
     */
    void publish(Map<String, Map<String, String>> hashes) {
        Map<String, String> temps = new LinkedHashMap<>();
        hashes.forEach((live, content) -> {
            if (!content.isEmpty()) {
                temps.put(live, tempKey(live));
            }
        });
        boolean published = false;
        try {
            writeTemporaryKeys(hashes, temps);
            swap(hashes.keySet(), temps);
            published = true;
        } finally {
            if (!published) {
                deleteQuietly(temps.values());
            }
        }
    }

    private void writeTemporaryKeys(Map<String, Map<String, String>> hashes, Map<String, String> temps) {
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<?>> replies = new ArrayList<>();
        connection.setAutoFlushCommands(false);
        try {
            for (Map.Entry<String, String> entry : temps.entrySet()) {
                String temp = entry.getValue();
                replies.add(async.del(temp));
                Map<String, String> batch = new HashMap<>(FIELDS_PER_COMMAND * 2);
                for (Map.Entry<String, String> field :
                        hashes.get(entry.getKey()).entrySet()) {
                    batch.put(field.getKey(), field.getValue());
                    if (batch.size() == FIELDS_PER_COMMAND) {
                        replies.add(async.hset(temp, batch));
                        batch = new HashMap<>(FIELDS_PER_COMMAND * 2);
                    }
                }
                if (!batch.isEmpty()) {
                    replies.add(async.hset(temp, batch));
                }
                replies.add(async.expire(temp, TEMP_KEY_TTL_SECONDS));
            }
            connection.flushCommands();
        } finally {
            connection.setAutoFlushCommands(true);
        }
        awaitAll(replies);
    }

    private static void awaitAll(List<RedisFuture<?>> replies) {
        boolean done = LettuceFutures.awaitAll(
                COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, replies.toArray(new RedisFuture<?>[0]));
        if (!done) {
            throw new IllegalStateException("Redis did not confirm the writes within " + COMMAND_TIMEOUT);
        }
        for (RedisFuture<?> reply : replies) {
            try {
                reply.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Redis refused a write: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing to Redis", e);
            }
        }
    }

    private void swap(Iterable<String> liveKeys, Map<String, String> temps) {
        sync.multi();
        for (String live : liveKeys) {
            String temp = temps.get(live);
            if (temp != null) {
                sync.rename(temp, live);
                sync.persist(live);
            } else {
                sync.del(live);
            }
        }
        TransactionResult result = sync.exec();
        if (result.wasDiscarded()) {
            throw new ConcurrentLoad("another load replaced the instruments while this one was running;"
                    + " nothing was changed by this run");
        }
        for (Object reply : result) {
            if (reply instanceof Exception e) {
                // RENAME/DEL only fail on a missing source key, which publish() never renames; still, say so
                throw new IllegalStateException("Redis refused part of the swap: " + e.getMessage(), e);
            }
        }
    }

    private void deleteQuietly(Iterable<String> keys) {
        if (connection.isMulti()) {
            try {
                sync.discard(); // a failure inside MULTI would otherwise queue the clean-up into the transaction
            } catch (RuntimeException e) {
                LOG.warn("Could not discard the open transaction: {}", e.toString());
            }
        }
        for (String key : keys) {
            try {
                sync.del(key);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete temporary key {} (it expires within an hour): {}", key, e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
