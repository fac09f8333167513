package dev.neoagent.agent.redis;

import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent's liveness in Redis: {@code NEO_AGENT:<instance>} with a short expiry, refreshed
 * while the agent runs. An in-flight record names the instance working on it; only a record whose
 * agent's lease has expired is settled by someone else, so a second agent, or a restarted one,
 * never settles a request another live agent is still sending.
 */
public final class AgentLease {
    private static final Logger log = LoggerFactory.getLogger(AgentLease.class);

    private final RedisCommands<String, String> redis;
    private final String instanceId;
    private final Duration ttl;
    private volatile boolean refreshFailing;
    /** {@link System#nanoTime()} of the last renewal Redis took. */
    private volatile long renewedAt;
    /**
     * Since when the lease has been held without a gap ({@link System#nanoTime()}): a renewal that comes three
     * quarters of a lease after the one before starts a new holding, and whatever was claimed before it is no longer
     * this agent's to send.
     */
    private volatile long heldSince;
    /** When the request the current thread serves was claimed ({@link System#nanoTime()}); see {@link #serving}. */
    private static final ThreadLocal<Long> CLAIMED_AT = new ThreadLocal<>();
    /** When this agent first found another agent's lease missing, by instance id ({@link System#nanoTime()}). */
    private final java.util.Map<String, Long> missingSince = new java.util.concurrent.ConcurrentHashMap<>();
    /** Agents known dead (their process is gone from this host): settled without waiting. */
    private final java.util.Set<String> knownDead = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String HOST = hostName();
    private static final String PID_NAMESPACE = pidNamespace();
    /** The lease's value: {@code <pid>@<host>#<pid namespace>}, so an agent on the same host can tell it died. */
    private final String whereabouts;

    public AgentLease(RedisCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.instanceId = UUID.randomUUID().toString().substring(0, 8);
        this.whereabouts = ProcessHandle.current().pid() + "@" + HOST + "#" + PID_NAMESPACE;
        this.renewedAt = System.nanoTime() - ttl.toNanos(); // not held until the first renewal
        this.heldSince = System.nanoTime();
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration ttl() {
        return ttl;
    }

    public static String key(String instanceId) {
        return AgentKeys.agentLease(instanceId);
    }

    /** Sets or extends the lease; logs once when Redis stops or starts taking it again. */
    public void refresh() {
        try {
            long attempt = System.nanoTime();
            redis.set(key(instanceId), whereabouts, SetArgs.Builder.px(ttl.toMillis()));
            if (attempt - renewedAt >= refuseAfter()) {
                heldSince = attempt; // the lease may have lapsed in between: a new holding
            }
            renewedAt = attempt;
            if (refreshFailing) {
                log.info("agent lease {} renewed again", instanceId);
                refreshFailing = false;
            }
        } catch (RuntimeException e) {
            if (!refreshFailing) {
                log.warn("agent lease {} not renewed: {}", instanceId, e.toString());
                refreshFailing = true;
            }
        }
    }

    public boolean isAlive(String otherInstanceId) {
        if (otherInstanceId.equals(instanceId)) {
            return true;
        }
        boolean alive = !otherInstanceId.isEmpty() && redis.exists(key(otherInstanceId)) > 0;
        if (alive) {
            missingSince.remove(otherInstanceId);
        } else {
            missingSince.putIfAbsent(otherInstanceId, System.nanoTime());
        }
        return alive;
    }

    /**
     * Whether another agent's requests may be settled: its lease has been missing for half a lease at least, as this
     * agent saw it (or its process is known gone). A lease can be missing for a moment while its agent lives — a
     * restarted Redis lost it, and the agent renews it within a second — and that agent may be sending an order:
     * settling its request then would answer "not placed" for an order about to arrive. The wait is longer than an
     * agent takes to renew its lease (at most a second, a third of the lease), and an agent whose lease really ran out
     * stopped sending before that ({@link #orderRefusal()}).
     */
    public boolean settleable(String otherInstanceId) {
        if (knownDead.contains(otherInstanceId)) {
            return true;
        }
        if (isAlive(otherInstanceId)) {
            return false;
        }
        Long since = missingSince.get(otherInstanceId);
        return since != null && System.nanoTime() - since >= ttl.toNanos() / 2;
    }

    /**
     * Why this agent must not send an order now, if it must not: its lease was last renewed three quarters of a lease
     * ago or more (Redis unreachable, or this process stalled). Its lease may run out any moment and another agent
     * take its users over; that agent settles their requests only a lease and a half after this renewal at the
     * earliest ({@link #settleable}), by when nothing this agent sent before refusing is still on its way.
     */
    public java.util.Optional<String> orderRefusal() {
        Long claimedAt = CLAIMED_AT.get();
        if (claimedAt != null && claimedAt - heldSince < 0) {
            return java.util.Optional.of("not sent: this agent's lease lapsed after the request was claimed (Redis "
                    + "unreachable, or the process stalled), so another agent may have answered it");
        }
        long age = System.nanoTime() - renewedAt;
        if (age < refuseAfter()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("not sent: this agent has not renewed its lease for "
                + java.time.Duration.ofNanos(age).toMillis()
                + " ms (Redis unreachable, or the process stalled), so another agent may be serving this user");
    }

    /**
     * Whether another agent's lease names a process of this host, in this process namespace, that no longer runs: an
     * agent killed here (kill -9, a crash) and restarted need not wait for its old lease to run out. Anything unsure
     * (another host, another container, no /proc, a pid reused) answers false: the lease then decides.
     */
    public boolean diedOnThisHost(String otherInstanceId) {
        if (otherInstanceId.equals(instanceId)) {
            return false;
        }
        String value = redis.get(key(otherInstanceId));
        if (value == null) {
            return false;
        }
        int at = value.indexOf('@');
        int hash = value.lastIndexOf('#');
        if (at <= 0 || hash < at) {
            return false;
        }
        String namespace = value.substring(hash + 1);
        boolean here =
                value.substring(at + 1, hash).equals(HOST) && !namespace.isEmpty() && namespace.equals(PID_NAMESPACE);
        if (!here) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(value.substring(0, at))).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Ends the lease of an agent known to be dead ({@link #diedOnThisHost}), so its users move now. */
    public void endDeadLease(String deadInstanceId) {
        knownDead.add(deadInstanceId);
        redis.del(key(deadInstanceId));
        redis.zrem(AgentKeys.AGENTS, deadInstanceId);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Linux: the pid namespace's id (pids are only comparable inside one); empty elsewhere. */
    private static String pidNamespace() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid"))
                    .toString();
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private long refuseAfter() {
        return ttl.toNanos() / 4 * 3;
    }

    /**
     * Runs the serving of a request claimed at {@code claimedAt} ({@link System#nanoTime()}) on this thread: its orders
     * are refused once the lease has lapsed since the claim, even if it was renewed again since.
     */
    public static <T> T serving(long claimedAt, java.util.function.Supplier<T> serve) {
        CLAIMED_AT.set(claimedAt);
        try {
            return serve.get();
        } finally {
            CLAIMED_AT.remove();
        }
    }

    public void release() {
        try {
            redis.del(key(instanceId));
        } catch (RuntimeException e) {
            log.debug("agent lease {} not released: {}", instanceId, e.toString());
        }
    }
}
