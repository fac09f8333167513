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

    public AgentLease(RedisCommands<String, String> redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
        this.instanceId = UUID.randomUUID().toString().substring(0, 8);
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
            redis.set(key(instanceId), ProcessHandle.current().pid() + "", SetArgs.Builder.px(ttl.toMillis()));
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

    public void release() {
        try {
            redis.del(key(instanceId));
        } catch (RuntimeException e) {
            log.debug("agent lease {} not released: {}", instanceId, e.toString());
        }
    }
}
