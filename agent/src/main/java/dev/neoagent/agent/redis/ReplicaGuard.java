package dev.neoagent.agent.redis;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a claim survives a failover before an order goes out. Redis replicates asynchronously: a claim written
 * to a primary that dies before passing it on is lost with it, the replica promoted in its place still shows the
 * request as requested, and it would be claimed and sent a second time. So when the primary has replicas, a request
 * that sends orders waits (WAIT 1) until one of them holds the claim; if none confirms within {@link #TIMEOUT}, the
 * request is refused with nothing sent. A Redis without replicas (a laptop, or a primary just promoted by a
 * failover) costs nothing.
 */
public final class ReplicaGuard {
    private static final Logger log = LoggerFactory.getLogger(ReplicaGuard.class);
    /** Far beyond a healthy replica's acknowledgement (well under a millisecond on a LAN). */
    public static final Duration TIMEOUT = Duration.ofMillis(500);

    private final RedisCommands<String, String> redis;
    private volatile int replicas;

    public ReplicaGuard(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Reads how many replicas the primary has (INFO replication); the agent's housekeeping calls it each round. */
    public void refresh() {
        int now = connectedReplicas(redis.info("replication"));
        if (now != replicas) {
            log.info("Redis primary has {} connected replica(s)", now);
            replicas = now;
        }
    }

    /** Whether the writes made so far (the claim among them) reached a replica, or there is none to reach. */
    public boolean claimReplicated() {
        if (replicas == 0) {
            return true;
        }
        if (redis.waitForReplication(1, TIMEOUT.toMillis()) >= 1) {
            return true;
        }
        // no confirmation: the replica hangs or lags (refuse), or this is a new primary without replicas (a
        // failover just promoted it, or its replica went away): nothing to wait for there
        refresh();
        return replicas == 0;
    }

    static int connectedReplicas(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("connected_slaves:")) {
                try {
                    return Integer.parseInt(
                            line.substring("connected_slaves:".length()).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
