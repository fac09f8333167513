package dev.neoagent.agent.oi;

import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.command.CommandParser;
import dev.neoagent.agent.redis.RequestStore;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.json.PythonJson;
import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user's OI crossover engine (redis-contract.md §2.9): while the user's switch is {@code ON}, every signal of
 * that index is claimed once for the user (atomically, across restarts and agents: claim_oi.lua) and handed to the
 * worker to trade like a request. Looks when a signal hash changes (keyspace notification) and every
 * {@link OiSettings#sweep()} in case a notification was lost; keeps {@code OI_ENGINE_STATUS} RUNNING while the switch
 * is on and IDLE once it is turned off (a user who never turned it on gets no field written).
 *
 * <p>Which signals a user's engine takes: {@code NEW} or {@code NOTIFIED} ones; also one another user already
 * {@code CONSUMED} or {@code FAILED} (the status is global, the trade is per user) while it is fresh. Not those that
 * failed for everyone ({@code FAILED_NO_SPOT}, {@code FAILED_STALE}). A stale {@code NEW} one is claimed and answered
 * as stale. Used by the user's worker thread only.
 */
public final class OiEngine {
    private final String uid;
    private final RedisCommands<String, String> redis;
    private final RequestStore store;
    private final OiSettings settings;
    private final Clock clock;
    private final String agentId;
    /** Signals this engine has dealt with, by claim field: no further Redis look at them. */
    private final Set<String> handled = new HashSet<>();

    /** {@link System#nanoTime()} of the next look without a notification: scheduling, not a timestamp. */
    private long nextSweep = System.nanoTime();
    /** Both switches were off (and nothing left to mark IDLE) at the last look; false until a look. */
    private boolean knownOff;

    public OiEngine(
            String uid,
            RedisCommands<String, String> redis,
            RequestStore store,
            OiSettings settings,
            Clock clock,
            String agentId) {
        this.uid = uid;
        this.redis = redis;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.agentId = agentId;
    }

    /**
     * The signals to trade now, claimed for this user. Cheap when nothing changed: nothing at all between sweeps
     * unless {@code notified}.
     */
    public List<ClaimedRequest> refresh(boolean notified) {
        long tick = System.nanoTime();
        if (!notified && tick - nextSweep < 0) {
            return List.of();
        }
        nextSweep = tick + settings.sweep().toNanos();
        Instant now = clock.instant();
        OiIndex[] indices = OiIndex.values();
        List<KeyValue<String, String>> fields = redis.hmget(
                uid,
                indices[0].enabledField(),
                indices[1].enabledField(),
                indices[0].engineStatusField(),
                indices[1].engineStatusField());
        List<ClaimedRequest> claimed = new ArrayList<>();
        knownOff = true;
        for (int i = 0; i < indices.length; i++) {
            OiIndex index = indices[i];
            boolean on = OiIndex.ON.equals(fields.get(i).getValueOrElse(null));
            String status = fields.get(i + 2).getValueOrElse("");
            if (!on) {
                // switched off: IDLE; never switched on: nothing written at all
                if (status.equals(OiIndex.ENGINE_RUNNING) || status.equals(OiIndex.ENGINE_ERROR)) {
                    redis.hset(uid, index.engineStatusField(), OiIndex.ENGINE_IDLE);
                }
                continue;
            }
            knownOff = false;
            if (!status.equals(OiIndex.ENGINE_RUNNING) && !status.equals(OiIndex.ENGINE_ERROR)) {
                redis.hset(uid, index.engineStatusField(), OiIndex.ENGINE_RUNNING);
            }
            claim(index, now).ifPresent(claimed::add);
        }
        return claimed;
    }

    /**
     * Whether both switches were off at the last look: a change of the user's hash (a request, an answer) then needs
     * no look of its own — switching the engine on is seen by the agent's sweep, and a signal is always looked at.
     */
    public boolean knownOff() {
        return knownOff;
    }

    private java.util.Optional<ClaimedRequest> claim(OiIndex index, Instant now) {
        Map<String, String> signal = redis.hgetall(index.signalKey());
        String ts = signal.get(OiIndex.SIGNAL_TS);
        String status = signal.getOrDefault(OiIndex.SIGNAL_STATUS, "");
        if (ts == null || ts.isBlank()) {
            return java.util.Optional.empty();
        }
        String field = index.claimField(ts.strip());
        if (handled.contains(field)) {
            return java.util.Optional.empty();
        }
        boolean fresh = isFresh(ts, now);
        boolean takeable = switch (status) {
            case OiIndex.SIGNAL_NEW, OiIndex.SIGNAL_NOTIFIED -> true;
            case OiIndex.SIGNAL_CONSUMED, OiIndex.SIGNAL_FAILED -> fresh;
            default -> false;
        };
        if (!takeable || redis.hexists(OiIndex.claimsKey(uid), field)) {
            handled.add(field);
            return java.util.Optional.empty();
        }
        PythonJson.ObjectWriter signalJson = PythonJson.object();
        signal.forEach(signalJson::string);
        String payload = PythonJson.object()
                .string("source", CommandParser.OI_SIGNAL_SOURCE)
                .raw(CommandParser.OI_SIGNAL_SOURCE, signalJson.toString())
                .toString();
        java.util.Optional<ClaimedRequest> claimed =
                store.claimOiSignal(uid, index, ts.strip(), payload, CommandId.next(now), now, agentId);
        handled.add(field); // claimed now, or already by another agent: either way never again here
        return claimed;
    }

    private boolean isFresh(String ts, Instant now) {
        return OiTrader.epoch(ts)
                .map(at -> Duration.between(at, now).compareTo(settings.signalMaxAge()) <= 0)
                .orElse(false);
    }
}
