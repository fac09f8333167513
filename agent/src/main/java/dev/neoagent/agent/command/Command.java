package dev.neoagent.agent.command;

import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.OrderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A parsed request. One pattern-matching switch in the dispatcher handles every case. */
public sealed interface Command {

    /** Log in now (TOTP + MPIN). {@code family} says which status fields the requester reads. */
    record Login(RequestType family) implements Command {}

    /** Prove the session works with a real authenticated call. */
    record CheckSession() implements Command {}

    /** One or more option legs; {@code single} selects the single-leg answer texts. */
    record PlaceOptions(List<OptionLeg> legs, boolean single) implements Command {
        public PlaceOptions {
            legs = List.copyOf(legs);
            if (legs.isEmpty()) {
                throw new IllegalArgumentException("no legs");
            }
        }
    }

    record PlaceEquity(EquityOrder order) implements Command {
        public PlaceEquity {
            Objects.requireNonNull(order, "order");
        }
    }

    /** Close the listed positions (the token is the key, the symbol a cross-check). */
    record SquareOff(List<SquareOffItem> items) implements Command {
        public SquareOff {
            items = List.copyOf(items);
        }
    }

    /** Close every open position of the user. */
    record SquareOffAll() implements Command {}

    record FetchReport(RequestType report) implements Command {}

    /**
     * Change an open order (redis-contract.md §2.8): at least one of price, quantity (units), trigger price and order
     * type; what is left out keeps the order's current value.
     */
    record ModifyOrder(
            String orderNo,
            Optional<BigDecimal> price,
            Optional<Integer> quantity,
            Optional<BigDecimal> triggerPrice,
            Optional<OrderType> type)
            implements Command {}

    /** Cancel one order, the open orders of one earlier request, or every open order of the user. */
    record CancelOrders(Target target) implements Command {
        public sealed interface Target {}

        public record Order(String orderNo) implements Target {}

        /** Every open order an earlier request placed, by its command id. */
        public record Request(String commandId) implements Target {}

        public record All() implements Target {}
    }

    /** Cancel every open order, wait until they are gone, then square off every open position. */
    record ExitAll() implements Command {}

    /**
     * An OI crossover trade (redis-contract.md §2.9): from a signal the agent's OI engine claimed, or from the
     * external order engine's {@code PLACE_OI_CROSSOVER} request.
     *
     * @param direction {@code BULLISH} (SELL PE) or {@code BEARISH} (SELL CE)
     * @param signal    the signal hash as it was claimed (all text), when the trade comes from one
     * @param external  the external engine's payload, when the trade comes from its request
     */
    record OiCrossover(
            dev.neoagent.contract.OiIndex index,
            String direction,
            Optional<java.util.Map<String, String>> signal,
            Optional<String> external)
            implements Command {}
}
