package dev.neoagent.testing;

import java.math.BigDecimal;
import java.time.Instant;

/** An index value, queried on the quotes API by its exact, case-sensitive name. */
final class IndexQuote {
    final String segment;
    final String name;
    final BigDecimal close;
    BigDecimal ltp;
    BigDecimal high;
    BigDecimal low;
    Instant updatedAt;

    IndexQuote(String segment, String name, BigDecimal ltp, Instant now) {
        this.segment = segment;
        this.name = name;
        this.ltp = ltp;
        this.close = ltp;
        this.high = ltp;
        this.low = ltp;
        this.updatedAt = now;
    }

    void setLtp(BigDecimal value, Instant now) {
        ltp = value;
        high = high.max(value);
        low = low.min(value);
        updatedAt = now;
    }
}
