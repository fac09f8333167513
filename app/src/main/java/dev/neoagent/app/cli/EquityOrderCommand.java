package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.InstrumentToken;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code order equity}: a cash (nse_cm) order, as the UI's equity form writes it. */
@Command(
        name = "equity",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Place a cash order: HSET <uid> PLACE_EQUITY requested EQUITY_ORDER <json> STATUS_EQUITY "
                    + "PROCESSING, then wait for STATUS_EQUITY (SUCCESS: Order Placed <no> | FAILED: <why>).",
            "Example: order --uid ITC2766 equity --symbol RELIANCE --side BUY --qty 1 --product CNC"
        })
final class EquityOrderCommand extends OrderKindCommand {
    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "Cash symbol, e.g. RELIANCE")
    String symbol;

    @Option(names = "--side", required = true, paramLabel = "BUY|SELL", description = "Buy or sell")
    String side;

    @Option(names = "--qty", required = true, paramLabel = "N", description = "Shares")
    int qty;

    @Option(
            names = "--product",
            paramLabel = "CNC|MIS",
            defaultValue = "CNC",
            description = "Product, default ${DEFAULT-VALUE}")
    String product;

    @Option(names = "--limit", paramLabel = "PRICE", description = "Limit price; a market order without it")
    BigDecimal limit;

    EquityOrderCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int place(RedisSession session, String uid, InstrumentResolver instruments) throws InterruptedException {
        return placeAndWait(session, UiRequest.of(uid, RequestType.PLACE_EQUITY, payload(instruments)));
    }

    /**
     * {@code {"state": "requested", "symbol": "RELIANCE", "exchangeInstrumentID": 2885, "side": "BUY",
     * "qty": 1, "product": "CNC", "order_type": "MARKET"}}, the UI's keys in the UI's order; a limit
     * order adds {@code "price"} as the contract describes.
     */
    private String payload(InstrumentResolver instruments) {
        String name = symbol.strip().toUpperCase(Locale.ROOT);
        if (qty <= 0) {
            throw CliFailure.failed("--qty must be a positive whole number of shares, got " + qty);
        }
        if (limit != null && limit.signum() <= 0) {
            throw CliFailure.failed("--limit must be greater than 0, got " + limit.toPlainString());
        }
        UiJson json = new UiJson().text("state", "requested").text("symbol", name);
        // the UI sends the token it looked up; without one the agent resolves the symbol itself
        instruments
                .equityToken(name)
                .map(InstrumentToken::value)
                .filter(t -> t.matches("\\d{1,18}"))
                .ifPresent(token -> json.integer("exchangeInstrumentID", Long.parseLong(token)));
        json.text("side", LegSpec.oneOf("--side", side, "BUY", "SELL"))
                .integer("qty", qty)
                .text("product", LegSpec.oneOf("--product", product, "CNC", "MIS"))
                .text("order_type", limit == null ? "MARKET" : "LIMIT");
        if (limit != null) {
            json.decimal("price", limit);
        }
        return json.build();
    }
}
