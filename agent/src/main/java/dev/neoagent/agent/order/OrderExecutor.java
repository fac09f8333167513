package dev.neoagent.agent.order;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.order.InFlightRecord.Entry;
import dev.neoagent.agent.order.InFlightRecord.State;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned orders, each at most once, in the order given (BUY first). A SELL is not sent once
 * any BUY failed or is unknown, so a hedged position never turns into a naked short; the remaining
 * slices of a leg are not sent once one of its slices failed. An unknown outcome is settled by
 * reading the order book, never by sending again.
 *
 * <p>What makes a crash recoverable is the in-flight record the claim wrote atomically: it holds the
 * command id, and every tag this command can send starts with it. The per-order updates made here
 * only add detail (order numbers, rejections) and are written without waiting, so they cost the
 * order no round trip.
 */
public final class OrderExecutor {
    private static final Logger log = LoggerFactory.getLogger(OrderExecutor.class);

    private final String uid;
    private final BrokerAdapter broker;
    private final AuditLog audit;
    private final Duration settlePause;
    private final int settleReads;

    public OrderExecutor(String uid, BrokerAdapter broker, AuditLog audit, Duration settlePause, int settleReads) {
        this.uid = uid;
        this.broker = broker;
        this.audit = audit;
        this.settlePause = settlePause;
        this.settleReads = settleReads;
    }

    /**
     * @param saveRecord stores the in-flight record's new detail (asynchronously; must not throw)
     */
    public List<OrderResult> execute(
            CommandId id, List<PlannedOrder> orders, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        List<OrderResult> results = new ArrayList<>();
        boolean buyFailed = false;
        Set<Integer> failedLegs = new HashSet<>();
        for (PlannedOrder order : orders) {
            String tag = id.orderTag(order.leg(), order.slice());
            if (order.side() == Side.SELL && buyFailed) {
                results.add(notSent(
                        order,
                        tag,
                        "not sent: a BUY leg was rejected or is unknown, and a SELL must not "
                                + "go out without its hedge"));
                continue;
            }
            if (failedLegs.contains(order.leg())) {
                results.add(notSent(order, tag, "not sent: an earlier slice of this leg failed"));
                continue;
            }
            OrderResult result = sendOne(id, order, tag, record, saveRecord);
            results.add(result);
            if (result.outcome() != Outcome.DONE) {
                failedLegs.add(order.leg());
                if (order.side() == Side.BUY) {
                    buyFailed = true;
                }
            }
        }
        return results;
    }

    private OrderResult sendOne(
            CommandId id, PlannedOrder order, String tag, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        // Not saved yet: the claim's record already covers a crash here (every tag of this command
        // starts with its id), and a write now would only delay the order.
        record.update(entry(order, tag, State.SENDING, Optional.empty()));
        OrderRequest request = new OrderRequest(
                order.instrument().segment(),
                order.instrument().tradingSymbol(),
                order.side(),
                order.quantity(),
                order.type(),
                order.price(),
                Optional.empty(),
                order.product(),
                Validity.DAY,
                new OrderTag(tag),
                false);
        OrderResult result = place(order, tag, request);
        audit.record(uid, "broker_call", id.value(), brokerCallDetails(order, tag, result));
        record.update(entry(
                order,
                tag,
                switch (result.outcome()) {
                    case DONE -> State.ACCEPTED;
                    case UNKNOWN -> State.UNKNOWN;
                    case REJECTED, DENIED, NOT_SENT -> State.REJECTED;
                },
                result.orderNumber()));
        saveRecord.accept(record);
        return result;
    }

    private OrderResult place(PlannedOrder order, String tag, OrderRequest request) {
        try {
            OrderAck ack = broker.placeOrder(request);
            return OrderResult.of(
                    order,
                    tag,
                    Outcome.DONE,
                    Optional.of(ack.orderId().value()),
                    "Order Placed: " + ack.orderId().value());
        } catch (BrokerException.OutcomeUnknown | BrokerException.UnexpectedResponse e) {
            log.warn("[{}] order {} outcome unknown: {}", uid, tag, e.getMessage());
            return settle(order, tag, e.getMessage());
        } catch (BrokerException.Rejected e) {
            return rejected(
                    order,
                    tag,
                    e.brokerMessage() + e.code().map(c -> " (code " + c + ")").orElse(""));
        } catch (BrokerException e) {
            // Session, static-IP, login and transient failures: the broker did not act on this order.
            return rejected(order, tag, e.getMessage());
        }
    }

    /** Looks for the order by its tag; only the order book may turn "unknown" into an answer. */
    private OrderResult settle(PlannedOrder order, String tag, String reason) {
        for (int attempt = 0; attempt < settleReads; attempt++) {
            try {
                if (attempt > 0) {
                    Thread.sleep(settlePause);
                }
                Optional<Order> found = findByTag(broker.orderBook(), tag);
                if (found.isPresent()) {
                    Order seen = found.get();
                    if (seen.status() == OrderStatus.REJECTED) {
                        return rejected(
                                order,
                                tag,
                                "rejected by the broker: " + seen.rejectReason().orElse(seen.statusText()));
                    }
                    return OrderResult.of(
                            order,
                            tag,
                            Outcome.DONE,
                            Optional.of(seen.orderId().value()),
                            "Order Placed: " + seen.orderId().value() + " (confirmed from the order book)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (BrokerException e) {
                log.warn("[{}] order book unreadable while settling {}: {}", uid, tag, e.getMessage());
            }
        }
        return OrderResult.of(
                order,
                tag,
                Outcome.UNKNOWN,
                Optional.empty(),
                "outcome UNKNOWN for " + order.instrument().tradingSymbol() + " (tag " + tag + "): " + reason
                        + ". It may have reached the broker; check the order book before sending it again");
    }

    public static Optional<Order> findByTag(List<Order> book, String tag) {
        return book.stream()
                .filter(o -> o.tag().map(t -> t.value().equals(tag)).orElse(false))
                .findFirst();
    }

    private static OrderResult rejected(PlannedOrder order, String tag, String message) {
        return OrderResult.of(order, tag, Outcome.REJECTED, Optional.empty(), message);
    }

    private static OrderResult notSent(PlannedOrder order, String tag, String message) {
        return OrderResult.of(order, tag, Outcome.NOT_SENT, Optional.empty(), message);
    }

    private static Entry entry(PlannedOrder order, String tag, State state, Optional<String> orderNumber) {
        return new Entry(
                tag,
                order.leg(),
                order.instrument().tradingSymbol().value(),
                order.side().name(),
                order.quantity(),
                state,
                orderNumber);
    }

    private static Map<String, String> brokerCallDetails(PlannedOrder order, String tag, OrderResult result) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("call", "place_order");
        details.put("tag", tag);
        details.put("tsym", order.instrument().tradingSymbol().value());
        details.put("side", order.side().name());
        details.put("qty", Integer.toString(order.quantity()));
        details.put("type", order.type().name());
        order.price().ifPresent(p -> details.put("price", p.toPlainString()));
        details.put("product", order.product().name());
        details.put("outcome", result.outcome().name());
        result.orderNumber().ifPresent(no -> details.put("order_no", no));
        details.put("message", result.message());
        return details;
    }
}
