package dev.neoagent.agent.order;

import dev.neoagent.domain.Side;
import java.util.Optional;

/**
 * What happened to one order of a request.
 *
 * @param action what was done to the order: placed (every order request), or modified or cancelled (§2.8)
 */
public record OrderResult(
        int leg,
        String tradingSymbol,
        Side side,
        int quantity,
        String tag,
        Outcome outcome,
        Optional<String> orderNumber,
        String message,
        Action action) {

    /** What a request did to one order; {@code RESULT_*.orders[].action} of the §2.8 requests. */
    public enum Action {
        PLACE,
        MODIFY,
        CANCEL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A placement's result. */
    public OrderResult(
            int leg,
            String tradingSymbol,
            Side side,
            int quantity,
            String tag,
            Outcome outcome,
            Optional<String> orderNumber,
            String message) {
        this(leg, tradingSymbol, side, quantity, tag, outcome, orderNumber, message, Action.PLACE);
    }

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

    /** The same result at position {@code index} of its request's list. */
    public OrderResult withLeg(int index) {
        return new OrderResult(index, tradingSymbol, side, quantity, tag, outcome, orderNumber, message, action);
    }
}
