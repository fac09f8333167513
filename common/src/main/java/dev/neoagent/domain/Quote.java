package dev.neoagent.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Last price of an instrument or index, with the previous close and the exchange update time. */
public record Quote(
        QuoteKey key, BigDecimal lastPrice, Optional<BigDecimal> previousClose, Optional<Instant> updatedAt) {
    public Quote {
        Checks.nonNull(key, "key");
        Checks.nonNull(lastPrice, "last price");
        previousClose = previousClose == null ? Optional.empty() : previousClose;
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
    }
}
