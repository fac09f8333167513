package dev.neoagent.agent.redis;

import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.contract.RequestType;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user hashes as a request queue: reads the request flags, claims a request atomically, keeps
 * the in-flight record, and writes the answer only while the request is still ours.
 */
public final class RequestStore {
    /** The request table is part of the script's text, not ~120 arguments of every claim. */
    private static final LuaScript CLAIM_NEXT = LuaScript.withPrelude(claimTable(), "claim_next.lua");

    private static final LuaScript FINISH = LuaScript.fromResource("finish.lua");
    private static final LuaScript SAVE_DETAIL = LuaScript.fromResource("save_detail.lua");
    private static final LuaScript CLAIM_OI = LuaScript.fromResource("claim_oi.lua");
    private static final LuaScript PENDING_USERS = LuaScript.fromResource("pending_users.lua");
    /** What makes a user worth a look in the safety sweep: a request flag set, a level armed, an OI engine on. */
    private static final String[] PENDING_ARGS = pendingArgs();
    /** Users per sweep command: a few milliseconds of Redis time at most, so nothing else waits behind it. */
    static final int SWEEP_BATCH = 250;

    private static final String LEVEL_NAMES = "level_names.lua";
    private static final LuaScript FIRE_LEVEL = LuaScript.fromResources(LEVEL_NAMES, "fire_level.lua");
    private static final LuaScript FINISH_LEVEL = LuaScript.fromResources(LEVEL_NAMES, "finish_level.lua");
    private static final LuaScript LATE_CANCEL = LuaScript.fromResources(LEVEL_NAMES, "late_cancel.lua");
    private static final LuaScript FAIL_ARMING = LuaScript.fromResources(LEVEL_NAMES, "fail_arming.lua");
    private static final String[] LEVEL_FIELDS = levelFields();
    /** Appended to a fired level's message when the user's cancel arrived after the orders were sent. */
    public static final String LATE_CANCEL_NOTE = ". A cancel arrived after the order was sent: it was not cancelled";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RequestStore.class);

    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;

    public RequestStore(RedisCommands<String, String> redis, RedisAsyncCommands<String, String> async) {
        this.redis = redis;
        this.async = async;
    }

    /**
     * The contract's names the level scripts start from (level_names.lua), then the script's own arguments: no
     * script spells a field name or value itself.
     */
    private static String[] levelArgs(LevelSide side, String... own) {
        List<String> args = new ArrayList<>(side.fields());
        args.addAll(List.of(
                LevelSide.WAITING,
                LevelSide.TRIGGERED,
                LevelSide.CANCELLED,
                LevelSide.STATUS_CANCELLED,
                Flags.STATUS_PROCESSING,
                Flags.STATUS_FAILED,
                Flags.REQUESTED,
                Flags.PROCESSING,
                Flags.FETCHED,
                Flags.FAILED));
        args.addAll(List.of(own));
        return args.toArray(String[]::new);
    }

    /**
     * {@code local TYPES = {{name, flag, requested, processing, payload field, status field}, ...}} in serving order,
     * the prelude of claim_next.lua.
     */
    private static String claimTable() {
        StringBuilder lua = new StringBuilder("local TYPES = {\n");
        for (RequestType type : RequestType.values()) {
            if (!type.claimedByFlag()) {
                continue;
            }
            lua.append("  {");
            List<String> row = List.of(
                    type.name(),
                    type.flagField(),
                    type.requestedValue(),
                    type.processingValue(),
                    type.payloadField().orElse(""),
                    type.statusField().orElse(""));
            lua.append(
                    String.join(", ", row.stream().map(RequestStore::luaString).toList()));
            lua.append("},\n");
        }
        return lua.append("}\n").toString();
    }

    private static String luaString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Claims the first pending request of the user in serving order, in one script: flag →
     * processing, status → PROCESSING, owner and initial in-flight record set, payload, kill switches
     * and the instrument master's load time read. Empty when nothing is pending, or when this
     * agent does not own the user (NEO_OWNER) or its lease ran out.
     */
    public Optional<ClaimedRequest> claimNext(String uid, CommandId id, Instant now, String agentId) {
        List<Object> result =
                CLAIM_NEXT.run(redis, ScriptOutputType.MULTI, claimKeys(uid, agentId), claimArgs(id, now, agentId));
        if (nothing(result)) {
            return Optional.empty();
        }
        RequestType type = RequestType.valueOf((String) result.get(0));
        return Optional.of(claimed(uid, type, id, now, result.subList(1, 6)));
    }

    /**
     * Claims an OI crossover signal for a user (claim_oi.lua): empty when this user already claimed it (here or in
     * another agent, before or after a restart). The payload comes back as the request's payload.
     */
    public Optional<ClaimedRequest> claimOiSignal(
            String uid, OiIndex index, String signalTs, String payload, CommandId id, Instant now, String agentId) {
        RequestType type = index.request();
        String[] keys = {
            uid,
            AgentKeys.claims(uid),
            AgentKeys.inFlight(uid),
            AgentKeys.GLOBAL_HALT,
            InstrumentKeys.INSTR_INFO,
            OiIndex.claimsKey(uid),
            AgentKeys.owner(uid),
            AgentKeys.agentLease(agentId)
        };
        String[] args = claimArgs(
                id,
                now,
                agentId,
                type.name(),
                type.flagField(),
                type.processingValue(),
                type.statusField().orElseThrow(),
                index.claimField(signalTs),
                payload);
        List<Object> result = CLAIM_OI.run(redis, ScriptOutputType.MULTI, keys, args);
        if (nothing(result)) {
            return Optional.empty();
        }
        return Optional.of(claimed(uid, type, id, now, result));
    }

    /**
     * The safety sweep: the users among {@code uids} with a request flag set to its requested value, a level armed
     * or fired by its place flag, or an OI engine switched on — one command per {@value #SWEEP_BATCH} users.
     */
    public List<String> pendingUsers(List<String> uids) {
        List<String> pending = new ArrayList<>();
        for (int from = 0; from < uids.size(); from += SWEEP_BATCH) {
            List<String> batch = uids.subList(from, Math.min(uids.size(), from + SWEEP_BATCH));
            List<Object> positions =
                    PENDING_USERS.run(redis, ScriptOutputType.MULTI, batch.toArray(String[]::new), PENDING_ARGS);
            for (Object position : positions == null ? List.of() : positions) {
                pending.add(batch.get(((Long) position).intValue() - 1));
            }
        }
        return pending;
    }

    private static String[] pendingArgs() {
        List<String> args = new ArrayList<>();
        for (RequestType type : RequestType.values()) {
            if (type.claimedByFlag()) {
                args.add(type.flagField());
                args.add(type.requestedValue());
            }
        }
        for (dev.neoagent.contract.LevelSide side : dev.neoagent.contract.LevelSide.values()) {
            args.add(side.triggerField());
            args.add(dev.neoagent.contract.LevelSide.WAITING);
            args.add(side.placeFlag());
            args.add(Flags.REQUESTED);
        }
        for (OiIndex index : OiIndex.values()) {
            args.add(index.enabledField());
            args.add(OiIndex.ON);
        }
        return args.toArray(String[]::new);
    }

    /**
     * The arguments every claim script starts with (claim_next.lua, claim_oi.lua): command id, claimed-at, this agent,
     * the user halt field, the PROCESSING status and the instrument info field holding the load time; then
     * {@code more}.
     */
    private static String[] claimArgs(CommandId id, Instant now, String agentId, String... more) {
        String[] common = {
            id.value(),
            now.toString(),
            agentId,
            AgentKeys.USER_HALT_FIELD,
            Flags.STATUS_PROCESSING,
            InstrumentKeys.INFO_LOADED_AT
        };
        String[] args = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return args;
    }

    /** The keys of claim_next.lua and fire_level.lua; the last two let only the user's owner claim. */
    private static String[] claimKeys(String uid, String agentId) {
        return new String[] {
            uid,
            AgentKeys.claims(uid),
            AgentKeys.inFlight(uid),
            AgentKeys.GLOBAL_HALT,
            InstrumentKeys.INSTR_INFO,
            AgentKeys.owner(uid),
            AgentKeys.agentLease(agentId)
        };
    }

    /** A script's {@code return false}: lettuce reads that nil reply as null, an empty list or [null]. */
    private static boolean nothing(List<Object> result) {
        return result == null || result.isEmpty() || result.get(0) == null;
    }

    /** {payload present, payload, global halt, user halt, loaded_at} as both claim scripts return them. */
    private static ClaimedRequest claimed(
            String uid, RequestType type, CommandId id, Instant now, List<Object> result) {
        Optional<String> payload = "1".equals(result.get(0)) ? Optional.of((String) result.get(1)) : Optional.empty();
        Optional<String> halt = Optional.empty();
        if ("1".equals(result.get(2))) {
            halt = Optional.of("trading is halted for all users (" + AgentKeys.GLOBAL_HALT + "=1); no order was sent");
        } else if ("1".equals(result.get(3))) {
            halt = Optional.of(
                    "trading is halted for this user (" + AgentKeys.USER_HALT_FIELD + "=1); no order was sent");
        }
        String loadedAt = (String) result.get(4);
        return new ClaimedRequest(
                uid, type, id, payload, now, halt, loadedAt.isEmpty() ? Optional.empty() : Optional.of(loadedAt));
    }

    // ---- level orders ----

    private static String[] levelFields() {
        return Arrays.stream(LevelSide.values())
                .flatMap(side -> side.fields().stream())
                .toArray(String[]::new);
    }

    /** Both level orders' fields of a user, in one round trip; absent fields are missing. */
    public Map<String, String> readLevelFields(String uid) {
        Map<String, String> fields = new java.util.HashMap<>();
        redis.hmget(uid, LEVEL_FIELDS).forEach(kv -> {
            if (kv.hasValue()) {
                fields.put(kv.getKey(), kv.getValue());
            }
        });
        return fields;
    }

    /**
     * Fires an armed level atomically (see fire_level.lua). For a spot crossing, {@code levelText} and
     * {@code indexText} must still be what the user armed; {@code byPlaceFlag} fires it on request.
     */
    public Optional<ClaimedRequest> fireLevel(
            String uid,
            dev.neoagent.contract.LevelSide side,
            CommandId id,
            Instant now,
            String agentId,
            String levelText,
            String indexText,
            boolean byPlaceFlag) {
        List<Object> result = FIRE_LEVEL.run(
                redis,
                ScriptOutputType.MULTI,
                claimKeys(uid, agentId),
                levelArgs(
                        side,
                        id.value(),
                        now.toString(),
                        agentId,
                        side.requestType().name(),
                        levelText,
                        indexText,
                        AgentKeys.USER_HALT_FIELD,
                        byPlaceFlag ? "1" : "0",
                        InstrumentKeys.INFO_LOADED_AT));
        if (nothing(result)) {
            return Optional.empty();
        }
        return Optional.of(claimed(uid, side.requestType(), id, now, result));
    }

    /** Puts the real outcome back when a cancel came after the level fired and was answered. */
    public boolean answerLateCancel(String uid, dev.neoagent.contract.LevelSide side) {
        Long done = LATE_CANCEL.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {uid, AgentKeys.levelDone(uid)},
                levelArgs(side, side.name(), "A cancel arrived after the order was sent, so it was not cancelled. "));
        return done != null && done == 1L;
    }

    /** Forgets the last firing's outcome of a side once it has been re-armed. */
    public void forgetLevelOutcome(String uid, dev.neoagent.contract.LevelSide side) {
        redis.hdel(AgentKeys.levelDone(uid), side.name());
    }

    /** Refuses an arming that cannot be served, if it is still the one that was checked. */
    public boolean failArming(
            String uid,
            dev.neoagent.contract.LevelSide side,
            String levelText,
            String indexText,
            String legs,
            String message) {
        Long done = FAIL_ARMING.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {uid},
                levelArgs(side, levelText, indexText, legs, message));
        return done != null && done == 1L;
    }

    /**
     * Writes the answer fields (including the flag's final value) in one HSET if the request is still
     * ours, and drops the in-flight record either way. False when a newer request superseded it.
     */
    public boolean finish(String uid, RequestType type, CommandId id, Map<String, String> answer) {
        if (!type.claimedByFlag()) {
            return finishLevel(uid, dev.neoagent.contract.LevelSide.of(type), id, answer);
        }
        String[] args = new String[3 + answer.size() * 2];
        args[0] = type.flagField();
        args[1] = id.value();
        args[2] = type.processingValue();
        int i = 3;
        for (Map.Entry<String, String> field : answer.entrySet()) {
            args[i++] = field.getKey();
            args[i++] = field.getValue();
        }
        Long written = FINISH.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {uid, AgentKeys.claims(uid), AgentKeys.inFlight(uid)},
                args);
        return written != null && written == 1L;
    }

    private boolean finishLevel(
            String uid, dev.neoagent.contract.LevelSide side, CommandId id, Map<String, String> answer) {
        Long written = FINISH_LEVEL.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {uid, AgentKeys.claims(uid), AgentKeys.inFlight(uid), AgentKeys.levelDone(uid)},
                levelArgs(
                        side,
                        side.name(),
                        id.value(),
                        answer.get(side.statusField()),
                        answer.get(side.messageField()),
                        answer.get(side.resultField()),
                        LATE_CANCEL_NOTE));
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
            SAVE_DETAIL
                    .runAsync(async, new String[] {AgentKeys.inFlight(uid)}, id.value(), record)
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
}
