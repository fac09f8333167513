package dev.neoagent.testing;

import java.math.BigDecimal;
import java.time.Instant;

/** One execution (a trade book row). */
record Fill(String fillId, Order order, int qty, BigDecimal price, Instant at, long updRecvTm) {
    BigDecimal value() {
        return price.multiply(BigDecimal.valueOf(qty));
    }
}
