package dev.neoagent.app.cli;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.contract.AgentKeys;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code halt --uid U | --all}: the kill switches of redis-contract.md §2.7. The agent checks them
 * when it claims a request, so the very next order request is denied; logins and reports go on, and
 * a request already being sent is not stopped.
 */
@Command(
        name = "halt",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Stop new order requests: --uid U sets HSET U TRADING_HALTED 1, --all sets SET NEO_HALT 1.",
            "Logins, session checks and reports keep working; undo with neo-agent resume."
        },
        footer = {"", "Exit codes: 0 done, 1 Redis unreachable, unknown user or usage error."})
final class HaltCommand extends OperatorCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    HaltTarget target;

    HaltCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int run(AgentConfig agentConfig) {
        try (RedisSession session = RedisSession.open(agentConfig)) {
            if (target.all) {
                session.redis().set(AgentKeys.GLOBAL_HALT, "1");
                out.println("halted ALL users: " + AgentKeys.GLOBAL_HALT + "=1; every new order request is denied "
                        + "until neo-agent resume --all");
                return ExitCodes.OK;
            }
            Users.requireKnown(session, agentConfig, target.uid);
            session.redis().hset(target.uid, AgentKeys.USER_HALT_FIELD, "1");
            out.println("halted " + target.uid + ": " + AgentKeys.USER_HALT_FIELD + "=1; its new order requests are "
                    + "denied until neo-agent resume --uid " + target.uid);
            return ExitCodes.OK;
        }
    }
}
