package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code resume --uid U | --all}: clears a kill switch. The two switches are independent, so after
 * clearing one the command says when the other still stops orders; being told "resumed" while
 * orders are still denied would be worse than useless.
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Allow new order requests again: --uid U runs HDEL U TRADING_HALTED, --all runs DEL NEO_HALT.",
            "Each switch is separate: --all does not clear users halted one by one."
        },
        footer = {"", "Exit codes: 0 done, 1 Redis unreachable, unknown user or usage error."})
final class ResumeCommand extends OperatorCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    HaltTarget target;

    ResumeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int run(AgentConfig agentConfig) {
        try (RedisSession session = RedisSession.open(agentConfig)) {
            RedisCommands<String, String> redis = session.redis();
            if (target.all) {
                long removed = redis.del(AgentKeys.GLOBAL_HALT);
                out.println(
                        removed > 0
                                ? "resumed: " + AgentKeys.GLOBAL_HALT + " cleared"
                                : "nothing to resume: " + AgentKeys.GLOBAL_HALT + " was not set");
                List<String> stillHalted = Users.discover(session, agentConfig).stream()
                        .filter(user -> "hash".equals(redis.type(user)))
                        .filter(user -> "1".equals(redis.hget(user, AgentKeys.USER_HALT_FIELD)))
                        .toList();
                if (!stillHalted.isEmpty()) {
                    out.println("still halted one by one (" + AgentKeys.USER_HALT_FIELD + "=1): "
                            + String.join(", ", stillHalted) + " (neo-agent resume --uid U)");
                }
                return ExitCodes.OK;
            }
            Users.requireKnown(session, agentConfig, target.uid);
            long removed = redis.hdel(target.uid, AgentKeys.USER_HALT_FIELD);
            out.println(
                    removed > 0
                            ? "resumed " + target.uid + ": " + AgentKeys.USER_HALT_FIELD + " cleared"
                            : "nothing to resume: " + target.uid + " had no " + AgentKeys.USER_HALT_FIELD);
            if ("1".equals(redis.get(AgentKeys.GLOBAL_HALT))) {
                out.println("note: " + AgentKeys.GLOBAL_HALT + "=1 still halts every user (neo-agent resume --all)");
            }
            return ExitCodes.OK;
        }
    }
}
