package dev.neoagent.testing;

import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One order and its state history. Mutated only by {@link OrderEngine} under the server lock. */
final class Order {
    static final String PUT_RECEIVED = "put order req received";
    static final String VALIDATION_PENDING = "validation pending";
    static final String OPEN_PENDING = "open pending";
    static final String OPEN = "open";
    static final String TRIGGER_PENDING = "trigger pending";
    static final String MODIFIED = "modified";
    static final String COMPLETE = "complete";
    static final String CANCELLED = "cancelled";
    static final String REJECTED = "rejected";

    /** A frozen copy of the mutable fields, one per state transition (order history). */
    record Snapshot(
            String status,
            int qty,
            String priceType,
            BigDecimal price,
            BigDecimal triggerPrice,
            String validity,
            int filledQty,
            BigDecimal avgPrice,
            int cancelledQty,
            String rejectReason,
            String exchangeOrderId,
            Instant at,
            long updRecvTm) {}

    final String orderNo;
    final String ucc;
    final String tag;
    final Instrument instrument;
    final String side;
    final String product;
    final boolean amo;
    final Instant placedAt;

    int qty;
    String priceType;
    BigDecimal price;
    BigDecimal triggerPrice;
    String validity;
    String status;
    int filledQty;
    BigDecimal avgPrice = BigDecimal.ZERO;
    int cancelledQty;
    String rejectReason;
    /** "NA" until the exchange accepted the order. */
    String exchangeOrderId = "NA";

    Instant updatedAt;
    long updRecvTm;
    final List<Snapshot> history = new ArrayList<>();

    Order(String orderNo, String ucc, OrderRequest request, Instant now) {
        this.orderNo = orderNo;
        this.ucc = ucc;
        this.tag = request.tag();
        this.instrument = request.instrument();
        this.side = request.side();
        this.product = request.product();
        this.amo = request.amo();
        this.placedAt = now;
        this.qty = request.qty();
        this.priceType = request.priceType();
        this.price = request.price();
        this.triggerPrice = request.triggerPrice();
        this.validity = request.validity();
    }

    boolean isBuy() {
        return "B".equals(side);
    }

    /** Open for modify/cancel and for matching. */
    boolean isWorking() {
        return OPEN.equals(status) || TRIGGER_PENDING.equals(status);
    }

    int pendingQty() {
        return qty - filledQty - cancelledQty;
    }

    void transition(String newStatus, Instant now, long nanos) {
        status = newStatus;
        updatedAt = now;
        updRecvTm = nanos;
        history.add(new Snapshot(
                status,
                qty,
                priceType,
                price,
                triggerPrice,
                validity,
                filledQty,
                avgPrice,
                cancelledQty,
                rejectReason,
                exchangeOrderId,
                now,
                nanos));
    }

    FakeOrder toFake() {
        return new FakeOrder(
                orderNo,
                tag,
                instrument.tradingSymbol,
                instrument.segment,
                side,
                qty,
                priceType,
                price,
                product,
                status,
                filledQty,
                avgPrice,
                rejectReason);
    }
}
