package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.contract.RequestType;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code order single}: one option leg, as the UI's single-leg form writes it (PLACE_SINGLE / SINGLE_LEG). */
@Command(
        name = "single",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Place one option leg: HSET <uid> PLACE_SINGLE requested SINGLE_LEG <json> STATUS_SINGLE "
                    + "PROCESSING, then wait for STATUS_SINGLE.",
            "Example: order --uid ITC2766 single --index NIFTY --expiry 2026-01-27 --strike 26000 --type CE "
                    + "--side BUY --lots 1 --limit 120.5"
        })
final class SingleOrderCommand extends OrderKindCommand {
    @Option(names = "--index", required = true, paramLabel = "INDEX", description = "Underlying: NIFTY, BANKNIFTY, ...")
    String index;

    @Option(names = "--expiry", required = true, paramLabel = "YYYY-MM-DD", description = "Expiry date")
    String expiry;

    @Option(names = "--strike", required = true, paramLabel = "STRIKE", description = "Strike price, e.g. 26000")
    String strike;

    @Option(names = "--type", required = true, paramLabel = "CE|PE", description = "Option type")
    String optionType;

    @Option(names = "--side", required = true, paramLabel = "BUY|SELL", description = "Buy or sell")
    String side;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QuantityOptions quantity;

    @Option(
            names = "--limit",
            paramLabel = "PRICE",
            description = "Limit price (on the contract's tick grid); a market order without it")
    BigDecimal limit;

    @Option(
            names = "--product",
            paramLabel = "NRML|MIS",
            defaultValue = "NRML",
            description = "Product (the leg's OrderType), default ${DEFAULT-VALUE}")
    String product;

    SingleOrderCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int place(RedisSession session, String uid, InstrumentResolver instruments) throws InterruptedException {
        LegSpec leg = LegSpec.of(index, expiry, strike, optionType, side, quantity.quantity());
        if (limit != null && limit.signum() <= 0) {
            throw CliFailure.failed("--limit must be greater than 0, got " + limit.toPlainString());
        }
        String legs = UiJson.list(List.of(leg.toUiJson(
                instruments, LegSpec.oneOf("--product", product, "NRML", "MIS"), true, Optional.ofNullable(limit))));
        return placeAndWait(session, UiRequest.of(uid, RequestType.PLACE_SINGLE, legs));
    }
}
