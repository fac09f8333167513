package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.agent.spot.SpotIndex;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.contract.LevelSide;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code order level}: arms a breakout (CE) or breakdown (PE) level exactly as the UI's BreakOut /
 * BreakDown tab does (ui-contract.md §3.7): three single HSETs of trigger, level and index, then
 * one HSET of legs and status. The agent checks an arming at once and refuses a bad one by setting
 * the status to FAILED, so the command watches for a second before it calls the level armed.
 */
@Command(
        name = "level",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Arm a level order: the legs are placed once when the index crosses the level (CE: "
                    + "crosses up, breakout; PE: crosses down, breakdown).",
            "Without --wait: exit 0 once armed and not refused within a second. With --wait: wait for "
                    + "STATUS_LEVEL_<side> to become SUCCESS, FAILED, UNKNOWN or CANCELLED.",
            "Example: order --uid ITC2766 level --side CE --level 26100 --index NIFTY "
                    + "--leg \"NIFTY 2026-01-27 26000 CE BUY 1\" --wait"
        })
final class LevelOrderCommand extends OrderKindCommand {
    /** How long a refusal of the arming may take to show before the level is reported armed. */
    static final Duration REFUSAL_WINDOW = Duration.ofSeconds(1);

    private static final Set<String> FINAL =
            Set.of(Flags.STATUS_SUCCESS, Flags.STATUS_FAILED, Flags.STATUS_UNKNOWN, LevelSide.STATUS_CANCELLED);

    @Option(
            names = "--side",
            required = true,
            paramLabel = "CE|PE",
            description = "CE: fire when the index crosses up to the level; PE: when it crosses down to it")
    String side;

    @Option(names = "--level", required = true, paramLabel = "LEVEL", description = "Index level, e.g. 26100")
    BigDecimal level;

    @Option(
            names = "--index",
            required = true,
            paramLabel = "NIFTY|BANKNIFTY",
            description = "Index whose spot (NF_SPOT / BN_SPOT) is watched")
    String index;

    @Option(
            names = "--leg",
            required = true,
            paramLabel = "LEG",
            description = "One leg, repeatable: " + LegSpec.LEG_FORMAT)
    List<String> legs;

    @Option(
            names = "--product",
            paramLabel = "NRML|MIS",
            defaultValue = "NRML",
            description = "Product of every leg, default ${DEFAULT-VALUE}")
    String product;

    @Option(names = "--wait", description = "Wait until the level has fired and been answered (or was cancelled)")
    boolean waitForOutcome;

    LevelOrderCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int place(RedisSession session, String uid, InstrumentResolver instruments) throws InterruptedException {
        LevelSide levelSide = LevelSide.valueOf(LegSpec.oneOf("--side", side, "CE", "PE"));
        SpotIndex spotIndex = SpotIndex.forUnderlying(index)
                .orElseThrow(() -> CliFailure.failed("--index must be NIFTY or BANKNIFTY, got '" + index + "'"));
        if (level.signum() <= 0) {
            throw CliFailure.failed("--level must be greater than 0, got " + level.toPlainString());
        }
        String levelText = InstrumentKeys.strikeText(level); // the UI's number box writes "26100"
        String legsJson = MultiOrderCommand.legsJson(legs, product, instruments);

        arm(session.redis(), uid, levelSide, levelText, spotIndex.underlying(), legsJson);
        out.printf(
                "%-9s%s%n",
                "wrote",
                levelSide.triggerField() + " " + LevelSide.WAITING + ", "
                        + levelSide.levelField() + " " + levelText + ", " + levelSide.indexField() + " "
                        + spotIndex.underlying()
                        + ", " + levelSide.legsField() + " '" + legsJson + "', " + levelSide.statusField() + " "
                        + LevelSide.STATUS_WAITING);
        List<String> fields = List.of(levelSide.statusField(), levelSide.messageField(), levelSide.resultField());
        String crossing = spotIndex.underlying()
                + (levelSide == LevelSide.CE ? " crosses up to " : " crosses down to ")
                + levelText;
        try {
            Optional<Map<String, String>> early = AnswerWait.until(
                    session.redis(),
                    uid,
                    fields,
                    status -> !status.equals(LevelSide.STATUS_WAITING),
                    Optional.of(REFUSAL_WINDOW));
            if (early.isPresent() && early.get().get(levelSide.statusField()).equals(Flags.STATUS_FAILED)) {
                AnswerPrinter.print(out, Flags.STATUS_FAILED, early.get().get(fields.get(1)), null);
                err.println("the agent refused the arming (" + levelSide.statusField() + "=FAILED right after it); "
                        + "nothing is armed");
                return ExitCodes.FAILED;
            }
            out.printf("%-9s%s%n", "armed", levelSide.legsField() + " for " + uid + ": fires when " + crossing);
            if (session.liveAgents().isEmpty()) {
                err.println("warning: no agent is running on this Redis (no NEO_AGENT:* lease): the level "
                        + "is armed but nothing watches it until `neo-agent run` starts");
            }
            if (early.isEmpty() && !waitForOutcome) {
                return ExitCodes.OK;
            }
            // with --wait, or when it already fired within the first second: wait for the outcome
            Optional<Duration> limit = waitForOutcome
                    ? parent.timeout()
                    : Optional.of(parent.timeout().orElse(OrderCommand.DEFAULT_TIMEOUT));
            Optional<Map<String, String>> outcome =
                    AnswerWait.until(session.redis(), uid, fields, FINAL::contains, limit);
            if (outcome.isEmpty()) {
                err.println("no final answer within " + seconds(limit.orElseThrow()) + ": "
                        + levelSide.statusField() + " is " + session.redis().hget(uid, levelSide.statusField())
                        + " (a waiting level stays armed; see neo-agent status --uid " + uid + ")");
                return ExitCodes.UNKNOWN;
            }
            String status = outcome.get().get(levelSide.statusField());
            AnswerPrinter.print(
                    out, status, outcome.get().get(fields.get(1)), outcome.get().get(fields.get(2)));
            return AnswerWait.exitCode(status);
        } catch (RedisException e) {
            err.println("lost Redis while waiting (" + e.getMessage() + "); the level was armed and may still "
                    + "fire: see neo-agent status --uid " + uid);
            return ExitCodes.UNKNOWN;
        }
    }

    /** The UI's arming, command for command: HDELs, three single HSETs, then legs + status in one. */
    private static void arm(
            RedisCommands<String, String> redis,
            String uid,
            LevelSide side,
            String levelText,
            String underlying,
            String legsJson) {
        redis.hdel(uid, side.legsField());
        redis.hdel(uid, side.statusField());
        redis.hdel(uid, side.messageField());
        redis.hset(uid, side.triggerField(), LevelSide.WAITING);
        redis.hset(uid, side.levelField(), levelText);
        redis.hset(uid, side.indexField(), underlying);
        Map<String, String> last = new LinkedHashMap<>();
        last.put(side.legsField(), legsJson);
        last.put(side.statusField(), LevelSide.STATUS_WAITING);
        redis.hset(uid, last);
    }
}
