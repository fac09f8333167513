package dev.neoagent.agent.audit;

import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code NEO_AUDIT:<uid>}: a capped stream with one entry per claimed request, per broker call and
 * per answer, enough to explain every order afterwards. Entries are built from our own domain
 * values only (symbols, sides, quantities, tags, broker codes and texts), never from headers or
 * credentials. Writing is best effort and asynchronous: losing an audit line must not fail or
 * delay an order. Entries of one user keep their order (one connection, commands in sequence).
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Roughly a week of an active trader's requests. */
    private static final long MAX_ENTRIES = 10_000;

    private final RedisAsyncCommands<String, String> redis;

    public AuditLog(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    public void record(String uid, String event, String commandId, Map<String, String> details) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("event", event);
        entry.put("id", commandId);
        entry.putAll(details);
        try {
            redis.xadd(
                            AgentKeys.audit(uid),
                            XAddArgs.Builder.maxlen(MAX_ENTRIES).approximateTrimming(),
                            entry)
                    .whenComplete((id, failure) -> {
                        if (failure != null) {
                            log.warn(
                                    "[{}] audit entry '{}' for {} not written: {}",
                                    uid,
                                    event,
                                    commandId,
                                    failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("[{}] audit entry '{}' for {} not written: {}", uid, event, commandId, e.toString());
        }
    }
}
