package dev.neoagent.agent.order;

import dev.neoagent.domain.Side;
import java.util.Optional;

/** What happened to one order of a request. */
public record OrderResult(
        int leg,
        String tradingSymbol,
        Side side,
        int quantity,
        String tag,
        Outcome outcome,
        Optional<String> orderNumber,
        String message) {

    static OrderResult of(
            PlannedOrder order, String tag, Outcome outcome, Optional<String> orderNumber, String message) {
        return new OrderResult(
                order.leg(),
                order.instrument().tradingSymbol().value(),
                order.side(),
                order.quantity(),
                tag,
                outcome,
                orderNumber,
                message);
    }
}
