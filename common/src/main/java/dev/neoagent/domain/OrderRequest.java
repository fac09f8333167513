package dev.neoagent.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A new order as the agent wants it placed. Quantity is in units (lots × lot size). A record that
 * exists is valid: a LIMIT without a positive price, or a MARKET with one, cannot be built.
 */
public record OrderRequest(
        Segment segment,
        TradingSymbol symbol,
        Side side,
        int quantity,
        OrderType type,
        Optional<BigDecimal> price,
        Optional<BigDecimal> triggerPrice,
        Product product,
        Validity validity,
        OrderTag tag,
        boolean afterMarket) {

    public OrderRequest {
        Checks.nonNull(segment, "segment");
        Checks.nonNull(symbol, "symbol");
        Checks.nonNull(side, "side");
        Checks.nonNull(type, "order type");
        Checks.nonNull(product, "product");
        Checks.nonNull(validity, "validity");
        Checks.nonNull(tag, "tag");
        price = price == null ? Optional.empty() : price;
        triggerPrice = triggerPrice == null ? Optional.empty() : triggerPrice;
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be greater than 0, was " + quantity);
        }
        Checks.pricesFitType(type, price, triggerPrice);
    }

    /** A regular DAY market order. */
    public static OrderRequest market(
            Segment segment, TradingSymbol symbol, Side side, int quantity, Product product, OrderTag tag) {
        return new OrderRequest(
                segment,
                symbol,
                side,
                quantity,
                OrderType.MARKET,
                Optional.empty(),
                Optional.empty(),
                product,
                Validity.DAY,
                tag,
                false);
    }

    /** A regular DAY limit order. */
    public static OrderRequest limit(
            Segment segment,
            TradingSymbol symbol,
            Side side,
            int quantity,
            BigDecimal price,
            Product product,
            OrderTag tag) {
        return new OrderRequest(
                segment,
                symbol,
                side,
                quantity,
                OrderType.LIMIT,
                Optional.of(price),
                Optional.empty(),
                product,
                Validity.DAY,
                tag,
                false);
    }
}
