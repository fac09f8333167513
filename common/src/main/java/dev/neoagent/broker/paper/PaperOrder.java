package dev.neoagent.broker.paper;

import dev.neoagent.broker.kotak.KotakCodes;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Product;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One state of a paper order, as one row of its history. Paper orders fill all at once, so the
 * filled quantity is either 0 or the whole quantity.
 *
 * @param price         limit price; 0 for market orders, as Kotak shows them
 * @param triggerPrice  0 unless a stop order
 * @param blockedMargin funds held while the order is working, released when it ends
 */
record PaperOrder(
        BrokerOrderId id,
        OrderTag tag,
        InstrumentMeta contract,
        Side side,
        Product product,
        OrderType type,
        Validity validity,
        int quantity,
        BigDecimal price,
        BigDecimal triggerPrice,
        int filledQuantity,
        BigDecimal averagePrice,
        BigDecimal blockedMargin,
        OrderStatus status,
        String statusText,
        Optional<String> rejectReason,
        LocalDateTime time) {

    /** Kotak's texts for the states a paper order goes through; {@link KotakCodes#orderStatus} reads them. */
    static final String RECEIVED = "put order req received";

    static final String OPEN = "open";
    static final String TRIGGER_PENDING = "trigger pending";
    static final String MODIFIED = "modified";
    static final String COMPLETE = "complete";
    static final String CANCELLED = "cancelled";
    static final String REJECTED = "rejected";

    PaperOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(triggerPrice, "triggerPrice");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(blockedMargin, "blockedMargin");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(rejectReason, "rejectReason");
        Objects.requireNonNull(time, "time");
        if (!KotakCodes.orderStatus(statusText).equals(status)) {
            throw new IllegalArgumentException("status text '" + statusText + "' does not read as " + status);
        }
    }

    boolean isWorking() {
        return status == OrderStatus.OPEN || status == OrderStatus.TRIGGER_PENDING || status == OrderStatus.PENDING;
    }

    PaperOrder withState(String text, LocalDateTime at) {
        return new PaperOrder(
                id,
                tag,
                contract,
                side,
                product,
                type,
                validity,
                quantity,
                price,
                triggerPrice,
                filledQuantity,
                averagePrice,
                blockedMargin,
                KotakCodes.orderStatus(text),
                text,
                rejectReason,
                at);
    }

    PaperOrder filled(BigDecimal fillPrice, LocalDateTime at) {
        return new PaperOrder(
                id,
                tag,
                contract,
                side,
                product,
                type,
                validity,
                quantity,
                price,
                triggerPrice,
                quantity,
                fillPrice,
                BigDecimal.ZERO,
                OrderStatus.COMPLETE,
                COMPLETE,
                rejectReason,
                at);
    }

    PaperOrder cancelled(LocalDateTime at) {
        return new PaperOrder(
                id,
                tag,
                contract,
                side,
                product,
                type,
                validity,
                quantity,
                price,
                triggerPrice,
                filledQuantity,
                averagePrice,
                BigDecimal.ZERO,
                OrderStatus.CANCELLED,
                CANCELLED,
                rejectReason,
                at);
    }

    PaperOrder rejected(String reason, LocalDateTime at) {
        return new PaperOrder(
                id,
                tag,
                contract,
                side,
                product,
                type,
                validity,
                quantity,
                price,
                triggerPrice,
                filledQuantity,
                averagePrice,
                BigDecimal.ZERO,
                OrderStatus.REJECTED,
                REJECTED,
                Optional.of(reason),
                at);
    }

    /** The order with new terms, in the "modified" state (working again once re-checked). */
    PaperOrder modified(
            OrderType newType,
            Validity newValidity,
            int newQuantity,
            BigDecimal newPrice,
            BigDecimal newTrigger,
            BigDecimal newMargin,
            LocalDateTime at) {
        return new PaperOrder(
                id,
                tag,
                contract,
                side,
                product,
                newType,
                newValidity,
                newQuantity,
                newPrice,
                newTrigger,
                filledQuantity,
                averagePrice,
                newMargin,
                OrderStatus.OPEN,
                MODIFIED,
                rejectReason,
                at);
    }

    /** As the order book shows it: pending is what may still fill, cancelled what never will. */
    Order toOrder() {
        int cancelled =
                status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED ? quantity - filledQuantity : 0;
        int pending = quantity - filledQuantity - cancelled;
        return new Order(
                id,
                Optional.of(tag),
                contract.tradingSymbol(),
                contract.segment(),
                Optional.of(contract.token()),
                side,
                product,
                type,
                quantity,
                filledQuantity,
                pending,
                cancelled,
                price,
                averagePrice,
                triggerPrice,
                status,
                statusText,
                rejectReason,
                Optional.of(time));
    }
}
