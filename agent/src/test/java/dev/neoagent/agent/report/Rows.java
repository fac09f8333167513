package dev.neoagent.agent.report;

import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Segment;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Trade;
import dev.neoagent.domain.TradingSymbol;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Optional;

/** Short builders for broker rows as the Kotak adapter would produce them. */
final class Rows {
    private Rows() {}

    static Optional<InstrumentToken> token(String value) {
        return value == null ? Optional.empty() : Optional.of(new InstrumentToken(value));
    }

    static Position position(
            String symbol,
            Segment segment,
            String token,
            Product product,
            int buyQty,
            int sellQty,
            String buyAmount,
            String sellAmount,
            int lotSize) {
        return new Position(
                new TradingSymbol(symbol),
                segment,
                token(token),
                product,
                buyQty,
                sellQty,
                new BigDecimal(buyAmount),
                new BigDecimal(sellAmount),
                lotSize);
    }

    static Order order(
            String id,
            String symbol,
            Segment segment,
            String token,
            Side side,
            int qty,
            OrderStatus status,
            String statusText,
            String averagePrice,
            LocalDateTime time) {
        boolean done = status == OrderStatus.COMPLETE;
        return new Order(
                new BrokerOrderId(id),
                Optional.empty(),
                new TradingSymbol(symbol),
                segment,
                token(token),
                side,
                Product.NRML,
                OrderType.LIMIT,
                qty,
                done ? qty : 0,
                done ? 0 : qty,
                0,
                new BigDecimal("100.00"),
                new BigDecimal(averagePrice),
                BigDecimal.ZERO,
                status,
                statusText,
                Optional.empty(),
                Optional.ofNullable(time));
    }

    static Trade trade(
            String orderId,
            String fillId,
            String symbol,
            Segment segment,
            Side side,
            Product product,
            int qty,
            String price,
            LocalDateTime time) {
        return new Trade(
                new BrokerOrderId(orderId),
                fillId,
                Optional.empty(),
                new TradingSymbol(symbol),
                segment,
                side,
                product,
                qty,
                new BigDecimal(price),
                Optional.ofNullable(time));
    }

    static Holding holding(
            String symbol, String token, int qty, int sellable, String average, String close, String marketValue) {
        return new Holding(
                symbol,
                Segment.NSE_CM,
                token(token),
                qty,
                sellable,
                new BigDecimal(average),
                new BigDecimal(close),
                new BigDecimal(marketValue));
    }

    static LocalDateTime at(int day, int hour, int minute, int second) {
        return LocalDateTime.of(2026, 1, day, hour, minute, second);
    }
}
