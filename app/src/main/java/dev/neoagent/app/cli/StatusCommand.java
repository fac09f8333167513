package dev.neoagent.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.Setting;
import dev.neoagent.contract.AgentKeys;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.contract.LevelSide;
import dev.neoagent.contract.OiIndex;
import dev.neoagent.contract.RequestType;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status [--uid U]}: what an operator checks first, read from Redis only (no agent needed):
 * running agents, the global kill switch, the instrument master, the spot values and their age,
 * then per user the login state, the halt flag, armed levels, the OI crossover engine of each index that is on or
 * has something to show, and the last answers from the audit.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Show agents, kill switches, instrument master, spot values and, per user, login state, "
                    + "halt flag, armed levels, the OI engine per index (switch, lots, position, last signal "
                    + "and outcome) and the last answers (from NEO_AUDIT:<uid>).",
            "Users: --uid U; else --uids / NEO_UIDS if set; else every <NEO_HOME>/<uid>/<uid>.json, every "
                    + "NEO_AUDIT:<uid> stream and every Redis hash holding a request or answer field."
        },
        footer = {"", "Exit codes: 0 shown, 1 Redis unreachable, unknown user or configuration error."})
final class StatusCommand extends OperatorCommand {
    static final int LAST_ANSWERS = 5;
    /** How far back the audit is searched for answers (the other entries are claims and broker calls). */
    private static final int AUDIT_SCAN = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--uid", paramLabel = "UID", description = "Show this user only")
    String uid;

    private final Clock clock = Clock.systemUTC();

    StatusCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    /** Also --uids: the users to show when --uid is not given. */
    @Override
    public List<Setting> settings() {
        return List.of(AgentConfig.REDIS_URL, AgentConfig.REDIS_CA_FILE, AgentConfig.HOME, AgentConfig.UIDS);
    }

    @Override
    protected int run(AgentConfig agentConfig) {
        try (RedisSession session = RedisSession.open(agentConfig)) {
            if (uid != null) {
                Users.requireKnown(session, agentConfig, uid);
            }
            RedisCommands<String, String> redis = session.redis();
            Instant now = clock.instant();
            row("redis", agentConfig.redactedRedisUrl());
            row("time", AuditFormat.SECONDS.format(now) + " IST");
            List<String> agents = session.liveAgents();
            row(
                    "agents",
                    agents.isEmpty()
                            ? "none running (no NEO_AGENT:* lease)"
                            : agents.size() + " running: " + String.join(", ", agents));
            row(
                    AgentKeys.GLOBAL_HALT,
                    Flags.HALTED.equals(redis.get(AgentKeys.GLOBAL_HALT))
                            ? "1: ALL USERS HALTED, new orders are denied (neo-agent resume --all)"
                            : "not set");
            row("instruments", instruments(redis, now));
            for (SpotIndex index : SpotIndex.values()) {
                row(index.underlying(), spot(redis, index, now));
            }
            List<String> users = uid != null ? List.of(uid) : Users.discover(session, agentConfig);
            if (users.isEmpty()) {
                out.println();
                out.println("no users found (NEO_HOME " + agentConfig.home() + ", Redis)");
            }
            for (String user : users) {
                out.println();
                user(redis, user, now);
            }
            return ExitCodes.OK;
        }
    }

    private void row(String label, String value) {
        out.printf("%-13s%s%n", label, value);
    }

    private void userRow(String label, String value) {
        out.printf("  %-13s%s%n", label, value);
    }

    /** {@code loaded 2026-01-20T08:00:00+05:30 (today): 5160 options, 2438 equities, ...}. */
    static String instruments(RedisCommands<String, String> redis, Instant now) {
        Map<String, String> info = redis.hgetall(InstrumentKeys.INSTR_INFO);
        if (info.isEmpty()) {
            return "not loaded (" + InstrumentKeys.INSTR_INFO
                    + " missing): run neo-bootstrap.jar; every order is refused " + "until it is";
        }
        StringBuilder text = new StringBuilder("loaded ").append(info.getOrDefault(InstrumentKeys.INFO_LOADED_AT, "?"));
        text.append(loadedWhen(info.get(InstrumentKeys.INFO_LOADED_AT), now));
        text.append(": ")
                .append(info.getOrDefault(InstrumentKeys.INFO_OPT_COUNT, "?"))
                .append(" options, ")
                .append(info.getOrDefault(InstrumentKeys.INFO_EQ_COUNT, "?"))
                .append(" equities");
        if (info.containsKey(InstrumentKeys.INFO_ROWS_READ)) {
            text.append(", ").append(info.get(InstrumentKeys.INFO_ROWS_READ)).append(" rows read");
        }
        if (info.containsKey(InstrumentKeys.INFO_REJECTED)) {
            text.append(", ").append(info.get(InstrumentKeys.INFO_REJECTED)).append(" rejected");
        }
        if ("true".equals(info.get("forced"))) {
            text.append(", FORCED past validation");
        }
        return text.toString();
    }

    /** A load from an earlier day is worth a warning: the master is meant to be reloaded each morning. */
    private static String loadedWhen(String loadedAt, Instant now) {
        if (loadedAt == null) {
            return "";
        }
        try {
            LocalDate loaded = OffsetDateTime.parse(loadedAt)
                    .atZoneSameInstant(AuditFormat.IST)
                    .toLocalDate();
            LocalDate today = now.atZone(AuditFormat.IST).toLocalDate();
            long days = ChronoUnit.DAYS.between(loaded, today);
            return days <= 0 ? " (today)" : " (" + days + (days == 1 ? " day" : " days") + " ago: not reloaded today)";
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** {@code 25980.35 at 2026-01-20 09:30:04 IST (3 s old)}, read with one MGET like the agent does. */
    static String spot(RedisCommands<String, String> redis, SpotIndex index, Instant now) {
        List<KeyValue<String, String>> both = redis.mget(index.valueKey(), index.timestampKey());
        if (!both.get(0).hasValue()) {
            return "no value (" + index.valueKey() + " not set)";
        }
        String value = both.get(0).getValue();
        if (!both.get(1).hasValue()) {
            return value + " (" + index.timestampKey() + " not set: age unknown)";
        }
        try {
            Instant at =
                    Instant.ofEpochMilli(Long.parseLong(both.get(1).getValue().strip()));
            return value + " at " + AuditFormat.SECONDS.format(at) + " IST (" + age(Duration.between(at, now)) + ")";
        } catch (NumberFormatException e) {
            return value + " (" + index.timestampKey() + " unreadable: '"
                    + both.get(1).getValue() + "')";
        }
    }

    static String age(Duration age) {
        if (age.isNegative()) {
            return "in the future: clocks differ";
        }
        long s = age.toSeconds();
        if (s < 120) {
            return s + " s old";
        }
        if (s < 7200) {
            return s / 60 + " min old";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h old";
        }
        return s / 86400 + " days old";
    }

    /** The user's owning agent (NEO_OWNER) and whether its lease lives. */
    private static String owner(RedisCommands<String, String> redis, String user) {
        String owner = redis.get(AgentKeys.owner(user));
        if (owner == null) {
            return "no agent (no " + AgentKeys.owner(user) + "): requests wait for one";
        }
        return redis.exists(AgentKeys.agentLease(owner)) > 0
                ? "agent " + owner
                : "agent " + owner + ", whose lease ran out: another agent takes the user over";
    }

    private void user(RedisCommands<String, String> redis, String user, Instant now) {
        Map<String, String> hash = redis.hgetall(user);
        out.println("user " + user + (hash.isEmpty() ? "  (no Redis hash yet)" : ""));
        userRow("served by", owner(redis, user));
        userRow("login", login(hash));
        String session = RequestType.CHECK_SESSION.statusField().orElseThrow();
        if (hash.containsKey(session)) {
            userRow("session", answer(hash, RequestType.CHECK_SESSION));
        }
        userRow(
                "trading",
                Flags.HALTED.equals(hash.get(AgentKeys.USER_HALT_FIELD))
                        ? "HALTED (" + AgentKeys.USER_HALT_FIELD + "=1): new orders are denied (neo-agent resume --uid "
                                + user + ")"
                        : "allowed");
        for (LevelSide side : LevelSide.values()) {
            userRow("level " + side, level(hash, side));
        }
        Optional<Map<String, String>> positions = OiStatus.positions(redis, user);
        for (OiIndex index : OiIndex.values()) {
            if (OiStatus.shown(index, hash, positions)) {
                userRow("OI " + index.name(), OiStatus.line(index, user, hash, positions, now));
            }
        }
        List<StreamMessage<String, String>> answers = lastAnswers(redis, user);
        if (answers.isEmpty()) {
            userRow("last answers", "none in " + AgentKeys.audit(user));
        } else {
            userRow("last answers", "(newest first)");
            answers.forEach(entry -> out.println("    " + AuditFormat.answerLine(entry)));
        }
    }

    /** NEO_LOGIN_STATUS (the agent's own family) first, the UI's LOGIN_STATUS otherwise. */
    private static String login(Map<String, String> hash) {
        for (RequestType family : List.of(RequestType.NEO_LOGIN, RequestType.LOGIN)) {
            if (hash.containsKey(family.statusField().orElseThrow())) {
                return answer(hash, family);
            }
        }
        return "no login answer yet (the agent logs in by itself when an order needs it)";
    }

    /** A request's status, with its message when there is one. */
    private static String answer(Map<String, String> hash, RequestType type) {
        return withMessage(
                hash.get(type.statusField().orElseThrow()),
                type.messageField().map(hash::get).orElse(null));
    }

    private static String withMessage(String status, String message) {
        return message == null || message.isEmpty() ? status : status + ": " + message;
    }

    /** Armed ({@code waiting}), firing ({@code triggered}), or the last outcome. */
    private static String level(Map<String, String> hash, LevelSide side) {
        String trigger = hash.get(side.triggerField());
        String status = hash.getOrDefault(side.statusField(), "-");
        if (LevelSide.WAITING.equals(trigger)) {
            String crossing = side == LevelSide.CE ? " crosses up to " : " crosses down to ";
            return "ARMED: fires when " + hash.getOrDefault(side.indexField(), "?") + crossing
                    + hash.getOrDefault(side.levelField(), "?") + ", " + legs(hash.get(side.legsField()))
                    + " (" + side.statusField() + " " + status + ")";
        }
        if (LevelSide.TRIGGERED.equals(trigger)) {
            return "FIRED, being placed (" + side.statusField() + " " + status + ")";
        }
        if (hash.containsKey(side.statusField())) {
            return "not armed; last " + withMessage(status, hash.get(side.messageField()));
        }
        return "not armed";
    }

    private static String legs(String json) {
        if (json == null) {
            return "no legs";
        }
        try {
            JsonNode legs = JSON.readTree(json);
            int n = legs.isArray() ? legs.size() : 0;
            return n + (n == 1 ? " leg" : " legs");
        } catch (IOException e) {
            return "unreadable legs";
        }
    }

    private static List<StreamMessage<String, String>> lastAnswers(RedisCommands<String, String> redis, String user) {
        if (!"stream".equals(redis.type(AgentKeys.audit(user)))) {
            return List.of();
        }
        return redis.xrevrange(AgentKeys.audit(user), Range.create("-", "+"), Limit.from(AUDIT_SCAN)).stream()
                .filter(entry -> "answer".equals(entry.getBody().get("event")))
                .limit(LAST_ANSWERS)
                .toList();
    }
}
