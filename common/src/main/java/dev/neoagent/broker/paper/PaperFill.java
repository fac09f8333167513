package dev.neoagent.broker.paper;

import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution. The fills are the account's single source of truth for positions and realised
 * P&amp;L; each carries its whole contract so that positions and margins can still be computed after
 * the contract left the instrument master (expired, or a different master after a restart).
 */
record PaperFill(
        BrokerOrderId orderId,
        String fillId,
        OrderTag tag,
        InstrumentMeta contract,
        Side side,
        Product product,
        int quantity,
        BigDecimal price,
        LocalDateTime time) {

    PaperFill {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(fillId, "fillId");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(time, "time");
        if (quantity <= 0) {
            throw new IllegalArgumentException("fill quantity must be positive, was " + quantity);
        }
    }

    Trade toTrade() {
        return new Trade(
                orderId,
                fillId,
                Optional.of(tag),
                contract.tradingSymbol(),
                contract.segment(),
                side,
                product,
                quantity,
                price,
                Optional.of(time));
    }

    /** Rupees that changed hands. */
    BigDecimal value() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }
}
