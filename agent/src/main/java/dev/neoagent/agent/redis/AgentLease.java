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
    private static final String HOST = hostName();
    private static final String PID_NAMESPACE = pidNamespace();
    /** The lease's value: {@code <pid>@<host>#<pid namespace>}, so an agent on the same host can tell it died. */
    private final String whereabouts;

    public AgentLease(RedisCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.instanceId = UUID.randomUUID().toString().substring(0, 8);
        this.whereabouts = ProcessHandle.current().pid() + "@" + HOST + "#" + PID_NAMESPACE;
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
            redis.set(key(instanceId), whereabouts, SetArgs.Builder.px(ttl.toMillis()));
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
        return !otherInstanceId.isEmpty() && redis.exists(key(otherInstanceId)) > 0;
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

    public void release() {
        try {
            redis.del(key(instanceId));
        } catch (RuntimeException e) {
            log.debug("agent lease {} not released: {}", instanceId, e.toString());
        }
    }
}
