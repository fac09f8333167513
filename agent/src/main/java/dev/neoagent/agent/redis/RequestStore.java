package dev.neoagent.agent.redis;

import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.command.RequestType;
import dev.neoagent.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user hashes as a request queue: reads the request flags, claims a request atomically, keeps
 * the in-flight record, and writes the answer only while the request is still ours.
 */
public final class RequestStore {
    private static final LuaScript CLAIM_NEXT = LuaScript.fromResource("claim_next.lua");
    private static final LuaScript FINISH = LuaScript.fromResource("finish.lua");
    private static final LuaScript SAVE_DETAIL = LuaScript.fromResource("save_detail.lua");
    private static final String[] CLAIM_ARGS = claimArgs();

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RequestStore.class);

    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;

    public RequestStore(RedisCommands<String, String> redis, RedisAsyncCommands<String, String> async) {
        this.redis = redis;
        this.async = async;
    }

    /** Six script arguments per request type, in serving order (see claim_next.lua). */
    private static String[] claimArgs() {
        List<String> args = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            args.add(type.name());
            args.add(type.flagField());
            args.add(type.requestedValue());
            args.add(type.processingValue());
            args.add(type.payloadField().orElse(""));
            args.add(type.statusField().orElse(""));
        }
        return args.toArray(String[]::new);
    }

    /**
     * Claims the first pending request of the user in serving order, in one script: flag →
     * processing, status → PROCESSING, owner and initial in-flight record set, payload, kill switches
     * and the instrument master's load time read. Empty when nothing is pending (or another agent
     * was faster).
     */
    public Optional<ClaimedRequest> claimNext(String uid, CommandId id, Instant now, String agentId) {
        String[] args = new String[4 + CLAIM_ARGS.length];
        args[0] = id.value();
        args[1] = now.toString();
        args[2] = agentId;
        args[3] = AgentKeys.USER_HALT_FIELD;
        System.arraycopy(CLAIM_ARGS, 0, args, 4, CLAIM_ARGS.length);
        List<Object> result = CLAIM_NEXT.run(redis, ScriptOutputType.MULTI,
                new String[] {uid, AgentKeys.claims(uid), AgentKeys.inFlight(uid), AgentKeys.GLOBAL_HALT,
                        RedisKeys.INSTR_INFO}, args);
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        RequestType type = RequestType.valueOf((String) result.get(0));
        Optional<String> payload = "1".equals(result.get(1)) ? Optional.of((String) result.get(2)) : Optional.empty();
        Optional<String> halt = Optional.empty();
        if ("1".equals(result.get(3))) {
            halt = Optional.of("trading is halted for all users (" + AgentKeys.GLOBAL_HALT + "=1); no order was sent");
        } else if ("1".equals(result.get(4))) {
            halt = Optional.of("trading is halted for this user (" + AgentKeys.USER_HALT_FIELD + "=1); no order was sent");
        }
        String loadedAt = (String) result.get(5);
        return Optional.of(new ClaimedRequest(uid, type, id, payload, now, halt,
                loadedAt.isEmpty() ? Optional.empty() : Optional.of(loadedAt)));
    }

    /**
     * Writes the answer fields (including the flag's final value) in one HSET if the request is still
     * ours, and drops the in-flight record either way. False when a newer request superseded it.
     */
    public boolean finish(String uid, RequestType type, CommandId id, Map<String, String> answer) {
        String[] args = new String[3 + answer.size() * 2];
        args[0] = type.flagField();
        args[1] = id.value();
        args[2] = type.processingValue();
        int i = 3;
        for (Map.Entry<String, String> field : answer.entrySet()) {
            args[i++] = field.getKey();
            args[i++] = field.getValue();
        }
        Long written = FINISH.run(redis, ScriptOutputType.INTEGER,
                new String[] {uid, AgentKeys.claims(uid), AgentKeys.inFlight(uid)}, args);
        return written != null && written == 1L;
    }

    /**
     * Replaces the in-flight record of a command with more detail, without waiting: the record the
     * claim wrote already identifies every order tag of the command, so this write only adds order
     * numbers and rejections. It is skipped when the command has finished meanwhile (HSET only if
     * the field still exists), so a late write never resurrects a settled record.
     */
    public void saveInFlightDetail(String uid, CommandId id, String record) {
        try {
            SAVE_DETAIL.runAsync(async, new String[] {AgentKeys.inFlight(uid)}, id.value(), record)
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            log.debug("[{}] in-flight detail of {} not saved: {}", uid, id, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.debug("[{}] in-flight detail of {} not saved: {}", uid, id, e.toString());
        }
    }

    /** Every in-flight record of a user: what a previous run left unfinished. */
    public Map<String, String> inFlight(String uid) {
        return redis.hgetall(AgentKeys.inFlight(uid));
    }

    /** Drops an in-flight record that could not be answered (its request was superseded). */
    public void dropInFlight(String uid, String commandId) {
        redis.hdel(AgentKeys.inFlight(uid), commandId);
    }

    /** The id of the command that owns a request flag, if any. */
    public Optional<String> owner(String uid, RequestType type) {
        return Optional.ofNullable(redis.hget(AgentKeys.claims(uid), type.flagField()));
    }
}
