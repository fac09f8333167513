package dev.neoagent.app.cli;

import dev.neoagent.contract.RequestType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code exit-all --uid U}: the agent cancels every open order of the user, waits until they are gone, then squares
 * off every open position (redis-contract.md §2.8). Works while trading is halted: getting out always does.
 */
@Command(
        name = "exit-all",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Get out: HSET <uid> EXIT_ALL requested STATUS_EXIT_ALL PROCESSING. The agent cancels every open order, "
                    + "then squares off every open position; every step is printed (cancels, then square-off orders).",
            "Works while trading is halted. Example: exit-all --uid ITC2766"
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  SUCCESS: every open order cancelled and every position squared off",
            "  1  FAILED: a step was refused or rejected (the message names the first;",
            "     the others may have been done); also usage, configuration, unknown",
            "     user and Redis errors",
            "  2  UNKNOWN: a step may have reached the broker unconfirmed (check the",
            "     order book and positions); or no answer within --timeout"
        })
final class ExitAllCommand extends ManageCommand {
    /** Cancels, the wait for them (up to the hedge timeout), then square-offs that wait for BUY fills. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    ExitAllCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected UiRequest request(String uid) {
        return UiRequest.withoutPayload(uid, RequestType.EXIT_ALL);
    }

    @Override
    protected Duration defaultTimeout() {
        return DEFAULT_TIMEOUT;
    }

    @Override
    protected String mayStill() {
        return "cancel orders and square off positions";
    }
}
