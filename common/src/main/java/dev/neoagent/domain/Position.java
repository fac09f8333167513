package dev.neoagent.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A day position from the position book. Quantities are units and include the carried-forward
 * part; amounts are in rupees as Kotak reports them.
 */
public record Position(
        TradingSymbol symbol,
        Segment segment,
        Optional<InstrumentToken> token,
        Product product,
        int buyQuantity,
        int sellQuantity,
        BigDecimal buyAmount,
        BigDecimal sellAmount,
        int lotSize) {

    public Position {
        Checks.nonNull(symbol, "symbol");
        Checks.nonNull(segment, "segment");
        Checks.nonNull(product, "product");
        Checks.nonNegative(buyQuantity, "buy quantity");
        Checks.nonNegative(sellQuantity, "sell quantity");
        Checks.nonNull(buyAmount, "buy amount");
        Checks.nonNull(sellAmount, "sell amount");
        token = token == null ? Optional.empty() : token;
        if (lotSize <= 0) {
            throw new IllegalArgumentException("lot size must be greater than 0, was " + lotSize);
        }
    }

    /** Positive when long, negative when short, zero when flat. */
    public int netQuantity() {
        return buyQuantity - sellQuantity;
    }

    public BigDecimal averageBuyPrice() {
        return buyQuantity == 0
                ? BigDecimal.ZERO
                : buyAmount.divide(BigDecimal.valueOf(buyQuantity), 2, RoundingMode.HALF_UP);
    }

    public BigDecimal averageSellPrice() {
        return sellQuantity == 0
                ? BigDecimal.ZERO
                : sellAmount.divide(BigDecimal.valueOf(sellQuantity), 2, RoundingMode.HALF_UP);
    }
}
