package dev.neoagent.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A primary, its replica and one Sentinel watching them (quorum 1, down after {@value #DOWN_AFTER_MS} ms), all real
 * redis-server processes of the bundled binary in {@code dir}: {@link #failOver} kills the primary and the Sentinel promotes
 * the replica within a few seconds. {@link #url()} is the {@code redis-sentinel://} URL a client follows it with.
 */
public final class RedisSentinelSetup implements AutoCloseable {
    public static final String MASTER = "mymaster";
    public static final int DOWN_AFTER_MS = 1000;

    /** The Sentinel mode of the binary is not usable here. */
    public static final class SentinelUnavailable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SentinelUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public final RedisProcess primary;
    public final RedisProcess replica;
    public final RedisProcess sentinel;

    private RedisSentinelSetup(RedisProcess primary, RedisProcess replica, RedisProcess sentinel) {
        this.primary = primary;
        this.replica = replica;
        this.sentinel = sentinel;
    }

    /**
     * Starts the three and returns once the replica is in sync and the Sentinel knows it (so a failover can start).
     *
     * @throws SentinelUnavailable when the binary does not run as a Sentinel
     */
    public static RedisSentinelSetup start(Path dir) {
        RedisProcess primary = RedisProcess.server(dir, "primary");
        RedisProcess replica = null;
        RedisProcess sentinel = null;
        try {
            replica = RedisProcess.server(dir, "replica", "--replicaof", "127.0.0.1", String.valueOf(primary.port()));
            RedisProcess r = replica;
            await(
                    "the replica in sync",
                    Duration.ofSeconds(20),
                    () -> "up".equals(r.info("replication", "master_link_status")));
            try {
                sentinel = RedisProcess.sentinel(
                        dir,
                        "sentinel",
                        List.of(
                                "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 1",
                                "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER_MS,
                                "sentinel failover-timeout " + MASTER + " 5000",
                                "sentinel parallel-syncs " + MASTER + " 1"));
            } catch (IllegalStateException e) {
                throw new SentinelUnavailable("redis-server --sentinel did not start: " + e.getMessage(), e);
            }
            RedisProcess s = sentinel;
            int replicaPort = replica.port();
            await("the Sentinel to know the replica", Duration.ofSeconds(30), () -> {
                List<?> replicas = (List<?>) s.call("SENTINEL", "REPLICAS", MASTER);
                return replicas.stream()
                        .map(RedisProcess::pairs)
                        .anyMatch(fields -> String.valueOf(replicaPort).equals(fields.get("port"))
                                && "slave".equals(fields.get("flags")));
            });
            return new RedisSentinelSetup(primary, replica, sentinel);
        } catch (RuntimeException e) {
            for (RedisProcess p : new RedisProcess[] {sentinel, replica, primary}) {
                if (p != null) {
                    p.close();
                }
            }
            throw e;
        }
    }

    /** {@code redis-sentinel://127.0.0.1:<sentinel port>/0#mymaster}. */
    public String url() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + MASTER;
    }

    /** The port the Sentinel currently names for the primary. */
    public int primaryPort() {
        List<?> address = (List<?>) sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
        return Integer.parseInt(String.valueOf(address.get(1)));
    }

    /** Kills the primary (a crash) and waits until the Sentinel has promoted the replica and names it. */
    public void failOver(Duration timeout) {
        primary.kill();
        await(
                "the Sentinel to promote the replica (port " + replica.port() + ")",
                timeout,
                () -> primaryPort() == replica.port() && "master".equals(replica.info("replication", "role")));
    }

    /** What the three logged, for a failing test's message. */
    public String logs() {
        return "--- primary ---\n" + primary.log() + "--- replica ---\n" + replica.log() + "--- sentinel ---\n"
                + sentinel.log();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // not up yet
            }
            try {
                Thread.sleep(50); // a poll interval, not a guess at how long it takes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
    }

    @Override
    public void close() {
        sentinel.close();
        replica.close();
        primary.close();
    }
}
