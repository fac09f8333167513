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
        if (type.needsPrice()) {
            Checks.positive(price.orElse(null), "price of a " + type + " order");
        } else if (price.isPresent()) {
            throw new IllegalArgumentException("a " + type + " order takes no price");
        }
        if (type.needsTrigger()) {
            Checks.positive(triggerPrice.orElse(null), "trigger price of a " + type + " order");
        } else if (triggerPrice.isPresent()) {
            throw new IllegalArgumentException("a " + type + " order takes no trigger price");
        }
    }

    public BrokerOrderId orderId() {
        return original.orderId();
    }
}
