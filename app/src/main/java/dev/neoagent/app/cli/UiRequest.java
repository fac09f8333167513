package dev.neoagent.app.cli;

import dev.neoagent.contract.Flags;
import dev.neoagent.contract.RequestType;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flag-driven order request (single leg, multi leg, equity) and the exact commands the existing
 * UI sends for it (ui-contract.md §3.4, §3.5, §3.8): one HDEL per field it clears, then one HSET of
 * flag, payload and status, so the agent cannot tell the CLI from the UI.
 *
 * @param messageField the MSG_* field, empty for equity (its message is inside STATUS_EQUITY)
 */
record UiRequest(
        String uid,
        String flag,
        String payloadField,
        String payload,
        String statusField,
        Optional<String> messageField,
        String resultField) {

    static final String REQUESTED = Flags.REQUESTED;
    static final String PROCESSING = Flags.STATUS_PROCESSING;

    /** A request of {@code type} (single, multi or equity) with its payload, in the type's own fields. */
    static UiRequest of(String uid, RequestType type, String payload) {
        return new UiRequest(
                uid,
                type.flagField(),
                type.payloadField().orElseThrow(),
                payload,
                type.statusField().orElseThrow(),
                type.messageField(),
                type.resultField().orElseThrow());
    }

    /**
     * Takes the request back if no agent has claimed it yet (flag still {@code requested}, payload
     * still ours), in one script so it cannot race a claim: the flag is removed and the status says
     * why. Otherwise changes nothing.
     */
    private static final String WITHDRAW = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[4]
                or redis.call('HGET', KEYS[1], ARGV[2]) ~= ARGV[3] then
              return 0
            end
            redis.call('HDEL', KEYS[1], ARGV[1])
            local fields = {}
            for i = 5, #ARGV do
              fields[#fields + 1] = ARGV[i]
            end
            redis.call('HSET', KEYS[1], unpack(fields))
            return 1
            """;

    /** The UI's commands: the separate HDELs, then flag + payload + status in one HSET. */
    void write(RedisCommands<String, String> redis) {
        redis.hdel(uid, payloadField);
        redis.hdel(uid, statusField);
        messageField.ifPresent(field -> redis.hdel(uid, field));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(flag, REQUESTED);
        fields.put(payloadField, payload);
        fields.put(statusField, PROCESSING);
        redis.hset(uid, fields);
    }

    /** The same HSET as {@code redis-cli} arguments, for the operator to see what was written. */
    String describe() {
        return "HSET " + uid + " " + flag + " " + REQUESTED + " " + payloadField + " '" + payload + "' " + statusField
                + " " + PROCESSING;
    }

    /** Fields to read once the status is final: status, message (if any), result. */
    List<String> answerFields() {
        List<String> fields = new ArrayList<>();
        fields.add(statusField);
        messageField.ifPresent(fields::add);
        fields.add(resultField);
        return fields;
    }

    /** See {@link #WITHDRAW}; true when the request was taken back before any agent saw it. */
    boolean withdrawIfUnclaimed(RedisCommands<String, String> redis, String why) {
        List<String> args = new ArrayList<>(List.of(flag, payloadField, payload, REQUESTED));
        if (messageField.isPresent()) {
            args.addAll(List.of(statusField, Flags.STATUS_FAILED, messageField.get(), why));
        } else {
            args.addAll(List.of(statusField, Flags.STATUS_FAILED + ": " + why));
        }
        Long done = redis.eval(WITHDRAW, ScriptOutputType.INTEGER, new String[] {uid}, args.toArray(String[]::new));
        return done != null && done == 1L;
    }
}
