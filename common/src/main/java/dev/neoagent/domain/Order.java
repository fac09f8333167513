package dev.neoagent.domain;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/** One order (or one state of an order, in a history) as the broker reports it. */
public record Order(
        BrokerOrderId orderId,
        Optional<OrderTag> tag,
        TradingSymbol symbol,
        Segment segment,
        Optional<InstrumentToken> token,
        Side side,
        Product product,
        OrderType type,
        int quantity,
        int filledQuantity,
        int pendingQuantity,
        int cancelledQuantity,
        BigDecimal price,
        BigDecimal averagePrice,
        BigDecimal triggerPrice,
        OrderStatus status,
        String statusText,
        Optional<String> rejectReason,
        Optional<LocalDateTime> time) {

    public Order {
        Checks.nonNull(orderId, "order id");
        Checks.nonNull(symbol, "symbol");
        Checks.nonNull(segment, "segment");
        Checks.nonNull(side, "side");
        Checks.nonNull(product, "product");
        Checks.nonNull(type, "order type");
        Checks.nonNull(status, "status");
        Checks.nonNegative(quantity, "quantity");
        Checks.nonNegative(filledQuantity, "filled quantity");
        Checks.nonNegative(pendingQuantity, "pending quantity");
        Checks.nonNegative(cancelledQuantity, "cancelled quantity");
        Checks.nonNull(price, "price");
        Checks.nonNull(averagePrice, "average price");
        Checks.nonNull(triggerPrice, "trigger price");
        statusText = statusText == null ? "" : statusText;
        tag = tag == null ? Optional.empty() : tag;
        token = token == null ? Optional.empty() : token;
        rejectReason = rejectReason == null ? Optional.empty() : rejectReason;
        time = time == null ? Optional.empty() : time;
    }
}
