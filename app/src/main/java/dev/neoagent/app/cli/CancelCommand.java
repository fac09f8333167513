package dev.neoagent.app.cli;

import dev.neoagent.agent.command.CommandId;
import dev.neoagent.contract.RequestType;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cancel --uid U (--order N | --request ID | --all)}: cancel one open order, the open orders of an earlier
 * request, or every open order of the user (redis-contract.md §2.8); one line per order cancelled.
 */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Cancel open orders: HSET <uid> CANCEL_ORDER requested CANCEL_ORDER_REQ <json> STATUS_CANCEL PROCESSING, "
                    + "then wait for STATUS_CANCEL and print one line per order.",
            "Exactly one of --order (one order), --request (the open orders an earlier request placed: the id its "
                    + "answer printed) or --all (every open order of the user).",
            "Example: cancel --uid ITC2766 --order 260120000000001"
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  SUCCESS: cancelled (or nothing was open to cancel)",
            "  1  FAILED: refused by the agent or the broker, or filled before the cancel",
            "     reached it; also usage, configuration, unknown user and Redis errors",
            "  2  UNKNOWN: a cancel may have reached the broker (neo-agent orders",
            "     --uid U shows the order); or no answer within --timeout"
        })
final class CancelCommand extends ManageCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** {@code --order N | --request ID | --all}, exactly one (a picocli exclusive group). */
    static final class Target {
        @Option(names = "--order", required = true, paramLabel = "ORDER_NO", description = "One order, by number")
        String order;

        @Option(
                names = "--request",
                required = true,
                paramLabel = "ID",
                description = "The open orders of an earlier request, by its command id (RESULT_*'s id)")
        String request;

        @Option(names = "--all", required = true, description = "Every open order of the user")
        boolean all;
    }

    CancelCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    /** {@code {"order_no": "…"}}, {@code {"request": "C…"}} or {@code {"all": true}}. */
    @Override
    protected UiRequest request(String uid) {
        UiJson json = new UiJson();
        if (target.order != null) {
            json.text("order_no", orderNumber("--order", target.order));
        } else if (target.request != null) {
            String id = target.request.strip();
            if (!CommandId.isValid(id)) {
                throw usage("--request must be a command id as an answer shows it (C and 5 to 23 letters or "
                        + "digits, e.g. CMKM2FLS0N4H2), got '" + target.request + "'");
            }
            json.text("request", id);
        } else {
            json.bool("all", true);
        }
        return UiRequest.of(uid, RequestType.CANCEL_ORDER, json.build());
    }

    @Override
    protected Duration defaultTimeout() {
        return OrderCommand.DEFAULT_TIMEOUT;
    }

    @Override
    protected String mayStill() {
        return "cancel orders";
    }
}
