package dev.neoagent.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.redis.AgentLease;
import dev.neoagent.app.cli.RedisSession;
import dev.neoagent.app.cli.Users;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.InstrumentKeys;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The demo runs only on a Redis where nothing but a demo lives, because it loads a synthetic instrument master
 * and runs an agent: on a Redis shared with real trading, the paper tokens would replace the real ones. It refuses,
 * before writing anything, a Redis holding a real instrument master, a live agent that is not a finished demo's,
 * or another user's data; then it marks the Redis ({@code NEO_DEMO}) so that {@code neo-agent run} knows it.
 */
final class DemoGuard {
    /** How long a demo that marked a Redis may take to start its agent before the mark counts as stale. */
    static final Duration STARTING = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWN_REDIS = "unset NEO_REDIS_URL to let the demo start a Redis of its own";

    private DemoGuard() {}

    /**
     * Checks the Redis and marks it for this demo in one optimistic transaction ({@code WATCH NEO_DEMO}), so two
     * demos starting at once on one Redis cannot both pass.
     *
     * @throws DemoRefused (exit 2) naming what lives there; nothing was written
     */
    static void checkAndMark(RedisSession session, Map<String, String> mark, Clock clock) {
        RedisCommands<String, String> redis = session.redis();
        redis.watch(AgentKeys.DEMO);
        try {
            check(session, clock);
            redis.multi();
            redis.hset(AgentKeys.DEMO, mark);
            redis.hdel(AgentKeys.DEMO, AgentKeys.DEMO_AGENT);
            TransactionResult result = redis.exec();
            if (result.wasDiscarded()) {
                throw new DemoRefused(
                        DemoRefused.REFUSED,
                        "another demo started on this Redis at the same moment; " + "stop it first, or " + OWN_REDIS);
            }
        } finally {
            redis.unwatch();
        }
    }

    private static void check(RedisSession session, Clock clock) {
        RedisCommands<String, String> redis = session.redis();
        Map<String, String> info = redis.hgetall(InstrumentKeys.INSTR_INFO);
        if (!info.isEmpty() && !isPaperMaster(info.get(InstrumentKeys.INFO_SOURCE))) {
            refuse("this Redis holds a real instrument master (" + InstrumentKeys.INSTR_INFO + " loaded at "
                    + info.getOrDefault(InstrumentKeys.INFO_LOADED_AT, "?") + "), so it serves real trading");
        }
        Map<String, String> demo = redis.hgetall(AgentKeys.DEMO);
        for (String agent : session.liveAgents()) {
            if (agent.equals(demo.get(AgentKeys.DEMO_AGENT))) {
                throw new DemoRefused(
                        DemoRefused.REFUSED,
                        "another demo is running on this Redis (" + describe(demo)
                                + "): stop it first (Ctrl-C in its terminal), or " + OWN_REDIS);
            }
            refuse("an agent is serving this Redis (NEO_AGENT:" + agent + ", pid " + redis.get(AgentLease.key(agent))
                    + ")");
        }
        if (!demo.isEmpty() && !demo.containsKey(AgentKeys.DEMO_AGENT) && startedWithin(demo, clock)) {
            throw new DemoRefused(
                    DemoRefused.REFUSED,
                    "another demo is starting on this Redis (" + describe(demo) + "): stop it first, or " + OWN_REDIS);
        }
        SortedSet<String> users = Users.inRedis(session);
        users.remove(Demo.USER);
        if (!users.isEmpty()) {
            List<String> shown = new ArrayList<>(users).subList(0, Math.min(users.size(), 10));
            refuse("this Redis holds other users' data (" + String.join(", ", shown)
                    + (users.size() > shown.size() ? " and " + (users.size() - shown.size()) + " more" : "") + ")");
        }
    }

    private static void refuse(String what) {
        throw new DemoRefused(
                DemoRefused.REFUSED,
                "the demo refuses this Redis: " + what
                        + "; the demo runs only beside other demos, never beside real trading: " + OWN_REDIS);
    }

    /** {@code {"nse_fo": "synthetic (paper)", "nse_cm": "synthetic (paper)"}}: every file synthetic. */
    static boolean isPaperMaster(String source) {
        if (source == null || source.isBlank()) {
            return false;
        }
        try {
            JsonNode files = JSON.readTree(source);
            if (!files.isObject() || files.isEmpty()) {
                return false;
            }
            for (JsonNode file : files) {
                if (!InstrumentKeys.PAPER_SOURCE.equals(file.asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startedWithin(Map<String, String> demo, Clock clock) {
        try {
            Instant started = Instant.parse(demo.getOrDefault(AgentKeys.DEMO_STARTED_AT, ""));
            return started.plus(STARTING).isAfter(clock.instant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** {@code pid 1234 on host h, home ./neo-home, since 2026-12-07T01:00:00Z}. */
    static String describe(Map<String, String> demo) {
        return "pid " + demo.getOrDefault(AgentKeys.DEMO_PID, "?") + " on "
                + demo.getOrDefault(AgentKeys.DEMO_HOST, "?")
                + ", home " + demo.getOrDefault(AgentKeys.DEMO_HOME, "?") + ", since "
                + demo.getOrDefault(AgentKeys.DEMO_STARTED_AT, "?");
    }
}
