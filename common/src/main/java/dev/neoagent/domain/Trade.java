package dev.neoagent.domain;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/** One fill from the trade book. Kotak leaves the token empty in trade rows, hence no token here. */
public record Trade(
        BrokerOrderId orderId,
        String fillId,
        Optional<OrderTag> tag,
        TradingSymbol symbol,
        Segment segment,
        Side side,
        Product product,
        int quantity,
        BigDecimal price,
        Optional<LocalDateTime> time) {

    public Trade {
        Checks.nonNull(orderId, "order id");
        Checks.nonNull(fillId, "fill id");
        Checks.nonNull(symbol, "symbol");
        Checks.nonNull(segment, "segment");
        Checks.nonNull(side, "side");
        Checks.nonNull(product, "product");
        Checks.nonNegative(quantity, "quantity");
        Checks.nonNull(price, "price");
        tag = tag == null ? Optional.empty() : tag;
        time = time == null ? Optional.empty() : time;
    }
}
