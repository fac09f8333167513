package dev.neoagent.agent.redis;

import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.command.RequestType;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user hashes as a request queue: reads the request flags, claims a request atomically, keeps
 * the in-flight record, and writes the answer only while the request is still ours.
 */
public final class RequestStore {
    private static final LuaScript CLAIM = LuaScript.fromResource("claim.lua");
    private static final LuaScript FINISH = LuaScript.fromResource("finish.lua");
    private static final String[] FLAG_FIELDS = flagFields();

    private final RedisCommands<String, String> redis;

    public RequestStore(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    private static String[] flagFields() {
        List<String> fields = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            fields.add(type.flagField());
        }
        fields.add(AgentKeys.USER_HALT_FIELD);
        return fields.toArray(String[]::new);
    }

    /** The request flags and the user's halt field, in one round trip; absent fields are missing. */
    public Map<String, String> readFlags(String uid) {
        Map<String, String> flags = new HashMap<>();
        for (KeyValue<String, String> field : redis.hmget(uid, FLAG_FIELDS)) {
            if (field.hasValue()) {
                flags.put(field.getKey(), field.getValue());
            }
        }
        return flags;
    }

    /** Requests whose flag reads "requested", in serving order. */
    public static List<RequestType> pending(Map<String, String> flags) {
        List<RequestType> pending = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            if (type.requestedValue().equals(flags.get(type.flagField()))) {
                pending.add(type);
            }
        }
        return pending;
    }

    /**
     * Claims a request: flag → processing, status → PROCESSING, owner and in-flight record set, payload
     * read, all in one script. Empty when the flag is not "requested" any more (another agent won).
     */
    public Optional<ClaimedRequest> claim(String uid, RequestType type, CommandId id, Instant now, String inFlightRecord) {
        List<Object> result = CLAIM.run(redis, ScriptOutputType.MULTI,
                new String[] {uid, AgentKeys.claims(uid), AgentKeys.inFlight(uid)},
                type.flagField(), type.requestedValue(), type.processingValue(), id.value(),
                type.payloadField().orElse(""), type.statusField().orElse(""), "PROCESSING", inFlightRecord);
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> payload = "1".equals(result.get(0)) ? Optional.of((String) result.get(1)) : Optional.empty();
        return Optional.of(new ClaimedRequest(uid, type, id, payload, now));
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

    /** Replaces the in-flight record of a command (before and after each broker call). */
    public void saveInFlight(String uid, CommandId id, String record) {
        redis.hset(AgentKeys.inFlight(uid), id.value(), record);
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

    public boolean globalHalt() {
        return "1".equals(redis.get(AgentKeys.GLOBAL_HALT));
    }
}
