package dev.neoagent.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * New terms for an open order. It carries the order as the book showed it, because Kotak's modify
 * call repeats the order's symbol, segment, side and product next to the changed fields.
 */
public record OrderModification(
        Order original,
        int quantity,
        OrderType type,
        Optional<BigDecimal> price,
        Optional<BigDecimal> triggerPrice,
        Validity validity) {

    public OrderModification {
        Checks.nonNull(original, "original order");
        Checks.nonNull(type, "order type");
        Checks.nonNull(validity, "validity");
        price = price == null ? Optional.empty() : price;
        triggerPrice = triggerPrice == null ? Optional.empty() : triggerPrice;
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, was " + quantity);
        }
        Checks.pricesFitType(type, price, triggerPrice);
    }

    public BrokerOrderId orderId() {
        return original.orderId();
    }
}
