package dev.neoagent.domain;

import java.math.BigDecimal;
import java.util.Optional;

/** A delivery holding from the portfolio. */
public record Holding(
        String symbol,
        Segment segment,
        Optional<InstrumentToken> token,
        int quantity,
        int sellableQuantity,
        BigDecimal averagePrice,
        BigDecimal closingPrice,
        BigDecimal marketValue) {

    public Holding {
        Checks.nonBlank(symbol, "symbol");
        Checks.nonNull(segment, "segment");
        token = token == null ? Optional.empty() : token;
        Checks.nonNull(averagePrice, "average price");
        Checks.nonNull(closingPrice, "closing price");
        Checks.nonNull(marketValue, "market value");
    }
}
