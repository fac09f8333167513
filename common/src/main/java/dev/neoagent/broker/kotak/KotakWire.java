package dev.neoagent.broker.kotak;

import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Side;
import java.math.BigDecimal;

/**
 * Domain → Kotak request bodies. Key sets and order follow Kotak's v3 SDK for place (which keeps
 * {@code ig}, our tag), Kotak's REST docs for modify, and both SDKs for cancel. Every value is a
 * string; unused prices are {@code "0"}.
 *
 * <p>Prices: {@code pr} is the limit of an L or SL order, {@code tp} the trigger of an SL or SL-M order, each
 * {@code "0"} where the type has none. The agent sends an SL-M request as SL with a protective limit
 * ({@code MarketProtection.stopLimit}), because Kotak refuses SL-M from API sessions; {@link OrderType#STOP_MARKET}
 * is still written {@code SL-M} here for whoever passes one, but the agent never does.
 */
final class KotakWire {
    static final String ORDER_SOURCE = "NEOTRADEAPI";

    private KotakWire() {}

    static JData place(OrderRequest order) {
        return JData.of()
                .put("am", order.afterMarket() ? "YES" : "NO")
                .put("dq", "0")
                .put("es", KotakCodes.segment(order.segment()))
                .put("mp", "0")
                .put("pc", order.product().name())
                .putPrice("pr", order.price().orElse(BigDecimal.ZERO))
                .put("pt", priceType(order.type()))
                .put("qt", order.quantity())
                .put("rt", order.validity().name())
                .putPrice("tp", order.triggerPrice().orElse(BigDecimal.ZERO))
                .put("ts", order.symbol().value())
                .put("tt", side(order.side()))
                .put("ig", order.tag().value())
                .put("os", ORDER_SOURCE);
    }

    /**
     * The docs' key set in the docs' order ({@code tk, mp, pc, dd, dq, vd, ts, tt, pr, tp, qt, no, es, pt}), then
     * {@code am} and {@code os} as the v2 SDK adds them. The new terms (quantity, type, limit, trigger, validity) come
     * from the modification; what it does not change (token, product, symbol, side, order number, segment) from the
     * order as the book showed it. {@code tk} is left out when the book gave no token (v3 sends none at all).
     */
    static JData modify(OrderModification change) {
        var original = change.original();
        JData body = JData.of();
        original.token().ifPresent(token -> body.put("tk", token.value()));
        return body.put("mp", "0")
                .put("pc", original.product().name())
                .put("dd", "NA")
                .put("dq", "0")
                .put("vd", change.validity().name())
                .put("ts", original.symbol().value())
                .put("tt", side(original.side()))
                .putPrice("pr", change.price().orElse(BigDecimal.ZERO))
                .putPrice("tp", change.triggerPrice().orElse(BigDecimal.ZERO))
                .put("qt", change.quantity())
                .put("no", original.orderId().value())
                .put("es", KotakCodes.segment(original.segment()))
                .put("pt", priceType(change.type()))
                .put("am", "NO")
                .put("os", ORDER_SOURCE);
    }

    static JData cancel(BrokerOrderId orderId) {
        return JData.of().put("on", orderId.value()).put("am", "NO");
    }

    /** {@code pt}: STOP_MARKET is SL-M, which the agent never sends (see the class comment). */
    static String priceType(OrderType type) {
        return switch (type) {
            case MARKET -> "MKT";
            case LIMIT -> "L";
            case STOP_LIMIT -> "SL";
            case STOP_MARKET -> "SL-M";
        };
    }

    static String side(Side side) {
        return switch (side) {
            case BUY -> "B";
            case SELL -> "S";
        };
    }
}
