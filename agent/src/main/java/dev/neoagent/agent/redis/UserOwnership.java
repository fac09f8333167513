package dev.neoagent.agent.redis;

import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of its users this agent owns (redis-contract.md §3): {@code NEO_OWNER:<uid>} names the one agent serving a
 * user, and holds while that agent's lease {@code NEO_AGENT:<id>} lives. One {@link #round()} per housekeeping
 * tick, a handful of commands whatever the number of users:
 *
 * <ul>
 *   <li>registers this agent in {@code NEO_AGENTS} and learns the live agents (agents.lua);
 *   <li>reads every candidate's owner (MGET);
 *   <li>takes users nobody owns, or whose owner's lease ran out (take_owners.lua, atomic per user) — up to its fair
 *       share (candidates ÷ live agents), or any number once a user has stayed free for a whole round, so a user no
 *       other agent may own is never left without one;
 *   <li>under its share, asks for users owned by others ({@code NEO_OWNER_WANTS:<id>}); over its share, hands over
 *       the asked-for users that are idle (release_owners.lua). A user in the middle of a request, with an armed
 *       level or a running OI engine is never handed over: only a dead agent's users move while busy.
 * </ul>
 *
 * The claim scripts check the owner and the claiming agent's lease, so a request is never claimed by two agents
 * whatever this class believes. Users are tried in an order of their own per agent, so agents starting together
 * do not all reach for the same users.
 */
public final class UserOwnership {
    private static final Logger log = LoggerFactory.getLogger(UserOwnership.class);
    private static final LuaScript AGENTS = LuaScript.fromResource("agents.lua");
    private static final LuaScript TAKE = LuaScript.fromResource("take_owners.lua");
    private static final LuaScript RELEASE = LuaScript.fromResource("release_owners.lua");
    /** Keys per command: a few milliseconds of Redis time at most. */
    private static final int BATCH = 500;

    /** What owning a user means for the rest of the agent. */
    public interface Listener {
        /** This agent now owns the user; {@code previousOwner} is empty when nobody did. */
        void gained(String uid, String previousOwner);

        /** This agent no longer owns the user (handed over, or taken after this agent's lease ran out). */
        void lost(String uid);

        /** Whether the user can be handed over now: nothing in flight, pending, armed or running. */
        boolean idle(String uid);
    }

    private final RedisCommands<String, String> redis;
    private final AgentLease lease;
    private final List<String> candidates;
    private final Listener listener;
    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    /** Users seen without a live owner last round: taken now whatever the share. */
    private Set<String> freeLastRound = Set.of();

    private boolean wanting;
    private volatile int liveAgents = 1;

    public UserOwnership(
            RedisCommands<String, String> redis, AgentLease lease, Collection<String> candidates, Listener listener) {
        this.redis = redis;
        this.lease = lease;
        String me = lease.instanceId();
        this.candidates = candidates.stream()
                .sorted(Comparator.comparingInt((String uid) -> (uid + "|" + me).hashCode())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        this.listener = listener;
    }

    /** The users this agent owns, as of the last round. */
    public List<String> owned() {
        return List.copyOf(owned);
    }

    /** How many agents were alive at the last round (this one included). */
    public int liveAgents() {
        return liveAgents;
    }

    /** One pass: learn the live agents and the owners, take, ask, hand over. Redis trouble is the caller's. */
    public void round() {
        String me = lease.instanceId();
        Set<String> live = new HashSet<>(liveAgents(me));
        for (String other : List.copyOf(live)) {
            if (lease.diedOnThisHost(other)) {
                log.info("agent {} ran on this host and its process is gone: its users are taken over now", other);
                lease.endDeadLease(other);
                live.remove(other);
            }
        }
        liveAgents = live.size();
        Map<String, String> owners = owners();
        List<String> free = new ArrayList<>();
        List<String> ownedByOthers = new ArrayList<>();
        Map<String, Integer> counts = new java.util.HashMap<>();
        owners.values().forEach(owner -> counts.merge(owner == null ? "" : owner, 1, Integer::sum));
        for (String uid : candidates) {
            String owner = owners.get(uid);
            if (me.equals(owner)) {
                continue;
            }
            if (owned.remove(uid)) {
                log.warn("[{}] now served by agent {}: this agent's lease ran out", uid, owner);
                listener.lost(uid);
            }
            if (owner == null || !live.contains(owner)) {
                free.add(uid);
            } else {
                ownedByOthers.add(uid);
            }
        }
        for (String uid : candidates) {
            if (me.equals(owners.get(uid)) && owned.add(uid)) {
                listener.gained(uid, ""); // still ours in Redis: a hand-over whose release did not reach Redis
            }
        }
        int share = Math.ceilDiv(candidates.size(), Math.max(1, live.size()));
        take(free, owners, share);
        freeLastRound = new HashSet<>(free);
        freeLastRound.removeAll(owned);
        // ask only agents over their share: one at or under it has nothing to give
        ask(
                ownedByOthers.stream()
                        .filter(uid -> counts.get(owners.get(uid)) > share)
                        .toList(),
                share,
                me);
        handOver(live, share, me);
    }

    private List<String> liveAgents(String me) {
        List<Object> ids = AGENTS.run(
                redis,
                ScriptOutputType.MULTI,
                new String[] {AgentKeys.AGENTS},
                me,
                Long.toString(lease.ttl().toMillis()));
        List<String> live = new ArrayList<>();
        ids.forEach(id -> live.add((String) id));
        return live;
    }

    private Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            List<KeyValue<String, String>> values =
                    redis.mget(batch.stream().map(AgentKeys::owner).toArray(String[]::new));
            for (int i = 0; i < batch.size(); i++) {
                owners.put(batch.get(i), values.get(i).getValueOrElse(null));
            }
        }
        return owners;
    }

    /** Takes free users up to the share; any user that was already free last round whatever the share. */
    private void take(List<String> free, Map<String, String> owners, int share) {
        List<String> wanted = new ArrayList<>();
        int room = share - owned.size();
        for (String uid : free) {
            if (room > 0 || freeLastRound.contains(uid)) {
                wanted.add(uid);
                room--;
            }
        }
        for (int from = 0; from < wanted.size(); from += BATCH) {
            List<String> batch = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
            String[] keys = new String[batch.size() * 2];
            String[] args = new String[batch.size() + 1];
            args[0] = lease.instanceId();
            for (int i = 0; i < batch.size(); i++) {
                String seen = owners.get(batch.get(i));
                keys[2 * i] = AgentKeys.owner(batch.get(i));
                keys[2 * i + 1] = AgentKeys.agentLease(seen == null ? "" : seen);
                args[i + 1] = seen == null ? "" : seen;
            }
            List<Object> taken = TAKE.run(redis, ScriptOutputType.MULTI, keys, args);
            for (Object position : taken) {
                String uid = batch.get(((Long) position).intValue() - 1);
                if (owned.add(uid)) {
                    String previous = owners.get(uid);
                    if (previous != null) {
                        log.info("[{}] taken over from agent {}, whose lease ran out", uid, previous);
                    }
                    listener.gained(uid, previous == null ? "" : previous);
                }
            }
        }
    }

    /** Under the share: names the users this agent would take, for their owners to hand over when idle. */
    private void ask(List<String> ownedByOthers, int share, String me) {
        int missing = share - owned.size();
        if (missing > 0 && !ownedByOthers.isEmpty()) {
            // all of them, not just as many as missing: their owners hand over the idle ones among them
            String wants = String.join(",", ownedByOthers);
            redis.set(
                    AgentKeys.ownerWants(me),
                    wants,
                    SetArgs.Builder.px(lease.ttl().toMillis()));
            wanting = true;
        } else if (wanting) {
            redis.del(AgentKeys.ownerWants(me));
            wanting = false;
        }
    }

    /** Over the share: hands over idle users other live agents asked for, down to the share. */
    private void handOver(Set<String> live, int share, String me) {
        int excess = owned.size() - share;
        if (excess <= 0 || live.size() < 2) {
            return;
        }
        List<String> others =
                live.stream().filter(id -> !id.equals(me)).sorted().toList();
        List<KeyValue<String, String>> asks =
                redis.mget(others.stream().map(AgentKeys::ownerWants).toArray(String[]::new));
        List<String> handOver = new ArrayList<>();
        for (KeyValue<String, String> ask : asks) {
            for (String uid : Arrays.asList(ask.getValueOrElse("").split(","))) {
                if (handOver.size() < excess && owned.contains(uid) && !handOver.contains(uid) && listener.idle(uid)) {
                    handOver.add(uid);
                }
            }
        }
        if (handOver.isEmpty()) {
            return;
        }
        // not ours to serve from now on, before Redis hears it: no claim may start in between
        handOver.forEach(owned::remove);
        List<Object> released = RELEASE.run(
                redis,
                ScriptOutputType.MULTI,
                handOver.stream().map(AgentKeys::owner).toArray(String[]::new),
                me);
        for (String uid : handOver) {
            listener.lost(uid);
        }
        log.info("handed {} of {} user(s) over to the agents that asked", released.size(), handOver.size());
    }

    /**
     * Hands every owned user back, so another agent (or this one restarted) takes them at once instead of after the
     * lease. Called on a clean stop, after the requests in progress finished.
     */
    public void releaseAll() {
        List<String> mine = owned();
        owned.clear();
        for (int from = 0; from < mine.size(); from += BATCH) {
            List<String> batch = mine.subList(from, Math.min(mine.size(), from + BATCH));
            RELEASE.run(
                    redis,
                    ScriptOutputType.MULTI,
                    batch.stream().map(AgentKeys::owner).toArray(String[]::new),
                    lease.instanceId());
        }
        redis.zrem(AgentKeys.AGENTS, lease.instanceId());
        if (wanting) {
            redis.del(AgentKeys.ownerWants(lease.instanceId()));
        }
    }
}
