package dev.neoagent.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fake exchange: order numbers, state transitions and the fill rule. Deliberately simple and
 * deterministic: an order fills completely or not at all, at the moment it is placed or modified
 * or when its instrument's LTP changes.
 *
 * <p>Fill rule: MKT fills at LTP; a limit BUY fills at its limit price when limit ≥ LTP (SELL when
 * limit ≤ LTP); SL/SL-M wait in "trigger pending" until LTP crosses the trigger (BUY: LTP ≥
 * trigger, SELL: LTP ≤ trigger) and then behave like L/MKT. An IOC order that cannot fill at once
 * is cancelled. A modify re-runs the rule on the new terms: a stop that has not triggered yet waits for its new
 * trigger, an order modified into a stop starts waiting, a stop that has triggered already stays working. Guarded by
 * the server lock.
 *
 * <p>Every state change goes through {@link #transition}, which tells the {@link Listener} (the order-update feed)
 * right after it, so the feed sees exactly the states the order history records.
 */
final class OrderEngine {
    /** Hears every state change of every order, under the server lock, right after it happened. */
    interface Listener {
        void changed(Order order);
    }

    private final Listener listener;
    private final List<Order> orders = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private long orderSeq;
    private long fillSeq;
    private long exchangeSeq;
    private long lastNanos;

    OrderEngine(Listener listener) {
        this.listener = listener;
    }

    /** {@code updRecvTm}: a 19-digit epoch-nanosecond value, strictly increasing so it orders events. */
    long nanos(Instant now) {
        lastNanos = Math.max(lastNanos + 1, Formats.epochNanos(now));
        return lastNanos;
    }

    Order place(String ucc, OrderRequest request, String rmsRejectReason, Instant now) {
        Order order = receive(ucc, request, now);
        if (rmsRejectReason != null) {
            rmsReject(order, rmsRejectReason, now);
        } else {
            accept(order, now);
        }
        return order;
    }

    /** The API took the order: it has a number and waits for RMS validation ({@link #accept} or {@link #rmsReject}). */
    Order receive(String ucc, OrderRequest request, Instant now) {
        // 15 digits: yyMMdd + 9-digit counter, like "250720000007242".
        String orderNo = Formats.orderNoDate(now) + String.format(Locale.ROOT, "%09d", ++orderSeq);
        Order order = new Order(orderNo, ucc, request, now);
        orders.add(order);
        transition(order, Order.PUT_RECEIVED, now);
        transition(order, Order.VALIDATION_PENDING, now);
        return order;
    }

    /** RMS rejects after the API accepted: only the books (and the order-update feed) show it. */
    void rmsReject(Order order, String reason, Instant now) {
        order.rejectReason = reason;
        transition(order, Order.REJECTED, now);
    }

    /** RMS passed the order: it goes to the exchange and, if it can, fills at once. */
    void accept(Order order, Instant now) {
        order.exchangeOrderId = "11" + String.format(Locale.ROOT, "%014d", ++exchangeSeq);
        transition(order, Order.OPEN_PENDING, now);
        transition(order, isStop(order) ? Order.TRIGGER_PENDING : Order.OPEN, now);
        match(order, now);
    }

    void modify(
            Order order,
            int qty,
            String priceType,
            BigDecimal price,
            BigDecimal triggerPrice,
            String validity,
            Instant now) {
        // A stop still waiting keeps waiting (for its new trigger); an order made a stop starts waiting; a stop that
        // has triggered already works as a limit/market order, as at the exchange, whatever its new trigger.
        boolean wasStop = isStop(order);
        boolean wasWaiting = Order.TRIGGER_PENDING.equals(order.status);
        order.qty = qty;
        order.priceType = priceType;
        order.price = price;
        order.triggerPrice = triggerPrice;
        order.validity = validity;
        boolean waitForTrigger = isStop(order) && (wasWaiting || !wasStop);
        transition(order, Order.MODIFIED, now);
        transition(order, waitForTrigger ? Order.TRIGGER_PENDING : Order.OPEN, now);
        match(order, now);
    }

    void cancel(Order order, Instant now) {
        order.cancelledQty = order.pendingQty();
        transition(order, Order.CANCELLED, now);
    }

    /** Re-runs the fill rule for the working orders of an instrument whose LTP changed. */
    void onPriceChange(Instrument instrument, Instant now) {
        for (Order order : orders) {
            if (order.instrument == instrument && order.isWorking()) {
                match(order, now);
            }
        }
    }

    private static boolean isStop(Order order) {
        return "SL".equals(order.priceType) || "SL-M".equals(order.priceType);
    }

    private void match(Order order, Instant now) {
        BigDecimal ltp = order.instrument.ltp;
        if (Order.TRIGGER_PENDING.equals(order.status)) {
            boolean triggered =
                    order.isBuy() ? ltp.compareTo(order.triggerPrice) >= 0 : ltp.compareTo(order.triggerPrice) <= 0;
            if (!triggered) {
                return;
            }
            transition(order, Order.OPEN, now);
        }
        BigDecimal fillPrice = null;
        if ("MKT".equals(order.priceType) || "SL-M".equals(order.priceType)) {
            fillPrice = ltp;
        } else if (order.isBuy() ? order.price.compareTo(ltp) >= 0 : order.price.compareTo(ltp) <= 0) {
            fillPrice = order.price;
        }
        if (fillPrice != null) {
            fill(order, order.pendingQty(), fillPrice, now);
        } else if ("IOC".equals(order.validity)) {
            cancel(order, now);
        }
    }

    private void fill(Order order, int qty, BigDecimal price, Instant now) {
        long nanos = nanos(now);
        Fill fill = new Fill(Long.toString(200_000_000L + ++fillSeq), order, qty, price, now, nanos);
        fills.add(fill);
        BigDecimal filledValue =
                order.avgPrice.multiply(BigDecimal.valueOf(order.filledQty)).add(fill.value());
        order.filledQty += qty;
        order.avgPrice = filledValue.divide(BigDecimal.valueOf(order.filledQty), 2, RoundingMode.HALF_UP);
        transition(order, order.pendingQty() == 0 ? Order.COMPLETE : Order.OPEN, now);
    }

    private void transition(Order order, String status, Instant now) {
        order.transition(status, now, nanos(now));
        listener.changed(order);
    }

    List<Order> ordersOf(String ucc) {
        return orders.stream().filter(o -> o.ucc.equals(ucc)).toList();
    }

    Order find(String ucc, String orderNo) {
        for (Order order : orders) {
            if (order.ucc.equals(ucc) && order.orderNo.equals(orderNo)) {
                return order;
            }
        }
        return null;
    }

    List<Fill> fillsOf(String ucc) {
        return fills.stream().filter(f -> f.order().ucc.equals(ucc)).toList();
    }

    /**
     * Margin the limits report as used: value of buy fills plus the value of the unfilled part of
     * working buy orders, minus the value of sell fills, never below zero. Not Kotak's real SPAN
     * arithmetic, but it moves with every place/fill/cancel so clients can check consistency.
     */
    BigDecimal marginUsed(String ucc) {
        BigDecimal used = BigDecimal.ZERO;
        for (Fill fill : fillsOf(ucc)) {
            used = fill.order().isBuy() ? used.add(fill.value()) : used.subtract(fill.value());
        }
        for (Order order : ordersOf(ucc)) {
            if (order.isBuy() && order.isWorking()) {
                BigDecimal price = "SL-M".equals(order.priceType) || "MKT".equals(order.priceType)
                        ? order.triggerPrice.max(order.instrument.ltp)
                        : order.price;
                used = used.add(price.multiply(BigDecimal.valueOf(order.pendingQty())));
            }
        }
        return used.max(BigDecimal.ZERO);
    }
}
