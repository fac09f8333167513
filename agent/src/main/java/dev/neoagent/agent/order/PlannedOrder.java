package dev.neoagent.agent.order;

import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One order to send: a whole leg, or one slice of a leg above the freeze quantity.
 *
 * @param leg   index of the leg in the request
 * @param slice index of the slice within the leg (0 when not sliced)
 * @param price the limit of a LIMIT or SL order (an SL-M is planned as an SL with its protective limit)
 * @param triggerPrice the trigger of an SL order
 */
public record PlannedOrder(
        int leg,
        int slice,
        InstrumentMeta instrument,
        Side side,
        int quantity,
        OrderType type,
        Optional<BigDecimal> price,
        Optional<BigDecimal> triggerPrice,
        Product product) {

    /** An order without a trigger (MARKET, LIMIT). */
    public PlannedOrder(
            int leg,
            int slice,
            InstrumentMeta instrument,
            Side side,
            int quantity,
            OrderType type,
            Optional<BigDecimal> price,
            Product product) {
        this(leg, slice, instrument, side, quantity, type, price, Optional.empty(), product);
    }
}
