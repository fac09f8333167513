package dev.neoagent.app.cli;

import dev.neoagent.contract.RequestType;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modify --uid U --order N [--price P] [--qty Q] [--trigger T] [--type LIMIT|SL|SL-M|MARKET]}: new terms for
 * an open order (redis-contract.md §2.8). What is not given keeps the order's current value; the agent checks the
 * order is the user's and still open, the lot size, the tick grid and the stop side before it calls the broker.
 */
@Command(
        name = "modify",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Modify an open order: HSET <uid> MODIFY_ORDER requested MODIFY_ORDER_REQ <json> STATUS_MODIFY "
                    + "PROCESSING, then wait for STATUS_MODIFY and print the answer.",
            "Give at least one of --price, --qty, --trigger, --type; the rest keep the order's current value.",
            "Example: modify --uid ITC2766 --order 260120000000001 --price 121.5 --qty 130"
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  SUCCESS: the broker took the change",
            "  1  FAILED: refused by the agent or the broker (its message is printed);",
            "     also usage, configuration, unknown user and Redis errors",
            "  2  UNKNOWN: the change may have reached the broker (neo-agent orders",
            "     --uid U shows the order); or no answer within --timeout"
        })
final class ModifyCommand extends ManageCommand {
    @Option(names = "--order", required = true, paramLabel = "ORDER_NO", description = "The broker's order number")
    String order;

    @Option(names = "--price", paramLabel = "PRICE", description = "New limit price (LIMIT and SL orders)")
    BigDecimal price;

    @Option(names = "--qty", paramLabel = "N", description = "New quantity in units (a whole number of lots)")
    Integer qty;

    @Option(names = "--trigger", paramLabel = "PRICE", description = "New trigger price (SL and SL-M orders)")
    BigDecimal trigger;

    @Option(
            names = "--type",
            paramLabel = "LIMIT|SL|SL-M|MARKET",
            description = "New order type (SL: stop-loss limit, SL-M: stop-loss market)")
    String type;

    ModifyCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    /**
     * {@code {"order_no": "260120000000001", "price": 121.5, "qty": 130, "trigger_price": 120.0, "order_type":
     * "SL"}}: the contract's keys in its order, only those given, prices as Python floats and the quantity as an
     * int, as {@code json.dumps} writes them.
     */
    @Override
    protected UiRequest request(String uid) {
        String orderNo = orderNumber("--order", order);
        if (price == null && qty == null && trigger == null && type == null) {
            throw usage("give at least one change: --price, --qty, --trigger or --type");
        }
        UiJson json = new UiJson().text("order_no", orderNo);
        if (price != null) {
            json.decimal("price", positive("--price", price));
        }
        if (qty != null) {
            if (qty <= 0) {
                throw usage("--qty must be a positive number of units, got " + qty);
            }
            json.integer("qty", qty);
        }
        if (trigger != null) {
            json.decimal("trigger_price", positive("--trigger", trigger));
        }
        if (type != null) {
            json.text("order_type", LegSpec.oneOf("--type", type, "LIMIT", "SL", "SL-M", "MARKET"));
        }
        return UiRequest.of(uid, RequestType.MODIFY_ORDER, json.build());
    }

    private BigDecimal positive(String flag, BigDecimal value) {
        if (value.signum() <= 0) {
            throw usage(flag + " must be greater than 0, got " + value.toPlainString());
        }
        return value;
    }

    @Override
    protected Duration defaultTimeout() {
        return OrderCommand.DEFAULT_TIMEOUT;
    }

    @Override
    protected String mayStill() {
        return "modify the order";
    }
}
