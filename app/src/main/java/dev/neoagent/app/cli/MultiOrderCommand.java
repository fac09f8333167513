package dev.neoagent.app.cli;

import dev.neoagent.agent.order.InstrumentResolver;
import dev.neoagent.contract.RequestType;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code order multi}: 1..N option legs in one request, as the UI's multi-leg form writes it. */
@Command(
        name = "multi",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.FAILED,
        description = {
            "Place several option legs at once: HSET <uid> PLACE_MULTI requested MULTI_LEGS <json> "
                    + "STATUS_MULTI PROCESSING, then wait for STATUS_MULTI. The agent sends BUY legs before SELL legs.",
            "Example: order --uid ITC2766 multi --leg \"NIFTY 2026-01-27 26000 CE BUY 1\" "
                    + "--leg \"NIFTY 2026-01-27 26200 CE SELL 1\""
        })
final class MultiOrderCommand extends OrderKindCommand {
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
            description = "Product of every leg (its OrderType), default ${DEFAULT-VALUE}")
    String product;

    MultiOrderCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    protected int place(RedisSession session, String uid, InstrumentResolver instruments) throws InterruptedException {
        String legsJson = legsJson(legs, product, instruments);
        return placeAndWait(session, UiRequest.of(uid, RequestType.PLACE_MULTI, legsJson));
    }

    /** Multi-leg and level legs: the UI's layout without ExecutionType (those are market orders). */
    static String legsJson(List<String> legs, String product, InstrumentResolver instruments) {
        String checkedProduct = LegSpec.oneOf("--product", product, "NRML", "MIS");
        List<LegSpec> specs = legs.stream().map(LegSpec::parse).toList();
        return UiJson.list(specs.stream()
                .map(leg -> leg.toUiJson(instruments, checkedProduct, false, Optional.empty()))
                .toList());
    }
}
