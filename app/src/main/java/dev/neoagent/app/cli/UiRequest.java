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
 * A flag-driven request (single leg, multi leg, equity; modify, cancel, exit) and the exact commands the existing
 * UI sends for one (ui-contract.md §3.4, §3.5, §3.8): one HDEL per field it clears, then one HSET of flag, payload
 * and status, so the agent cannot tell the CLI from the UI.
 *
 * @param payloadField the request's payload field, empty for a request without one ({@code EXIT_ALL})
 * @param payload      its JSON, empty exactly when {@code payloadField} is
 * @param messageField the MSG_* field, empty for equity (its message is inside STATUS_EQUITY)
 */
record UiRequest(
        String uid,
        String flag,
        Optional<String> payloadField,
        Optional<String> payload,
        String statusField,
        Optional<String> messageField,
        String resultField) {

    static final String REQUESTED = Flags.REQUESTED;
    static final String PROCESSING = Flags.STATUS_PROCESSING;

    UiRequest {
        if (payloadField.isPresent() != payload.isPresent()) {
            throw new IllegalArgumentException("a payload needs its field and a field its payload");
        }
    }

    /** A request of {@code type} (single, multi, equity, modify, cancel) with its payload, in the type's own fields. */
    static UiRequest of(String uid, RequestType type, String payload) {
        return new UiRequest(
                uid,
                type.flagField(),
                Optional.of(type.payloadField().orElseThrow()),
                Optional.of(payload),
                type.statusField().orElseThrow(),
                type.messageField(),
                type.resultField().orElseThrow());
    }

    /** A request of {@code type} that has no payload ({@code EXIT_ALL}): the flag and the status only. */
    static UiRequest withoutPayload(String uid, RequestType type) {
        if (type.payloadField().isPresent()) {
            throw new IllegalArgumentException(
                    type + " takes a payload in " + type.payloadField().get());
        }
        return new UiRequest(
                uid,
                type.flagField(),
                Optional.empty(),
                Optional.empty(),
                type.statusField().orElseThrow(),
                type.messageField(),
                type.resultField().orElseThrow());
    }

    /**
     * Takes the request back if no agent has claimed it yet (flag still {@code requested}, payload, if any, still
     * ours), in one script so it cannot race a claim: the flag is removed and the status says why. Otherwise changes
     * nothing. ARGV: flag, requested, payload field ("" for none), payload, then the answer's field/value pairs.
     */
    private static final String WITHDRAW = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2]
                or (ARGV[3] ~= '' and redis.call('HGET', KEYS[1], ARGV[3]) ~= ARGV[4]) then
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
        payloadField.ifPresent(field -> redis.hdel(uid, field));
        redis.hdel(uid, statusField);
        messageField.ifPresent(field -> redis.hdel(uid, field));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(flag, REQUESTED);
        payloadField.ifPresent(field -> fields.put(field, payload.orElseThrow()));
        fields.put(statusField, PROCESSING);
        redis.hset(uid, fields);
    }

    /** The same HSET as {@code redis-cli} arguments, for the operator to see what was written. */
    String describe() {
        String written = payloadField
                .map(field -> " " + field + " '" + payload.orElseThrow() + "'")
                .orElse("");
        return "HSET " + uid + " " + flag + " " + REQUESTED + written + " " + statusField + " " + PROCESSING;
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
        List<String> args = new ArrayList<>(List.of(flag, REQUESTED, payloadField.orElse(""), payload.orElse("")));
        if (messageField.isPresent()) {
            args.addAll(List.of(statusField, Flags.STATUS_FAILED, messageField.get(), why));
        } else {
            args.addAll(List.of(statusField, Flags.STATUS_FAILED + ": " + why));
        }
        Long done = redis.eval(WITHDRAW, ScriptOutputType.INTEGER, new String[] {uid}, args.toArray(String[]::new));
        return done != null && done == 1L;
    }
}
