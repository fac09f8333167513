package dev.neoagent.agent.order;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.order.InFlightRecord.Entry;
import dev.neoagent.agent.order.InFlightRecord.State;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.state.OrderWatch;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.OrderTag;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned orders, each at most once, in the order given (BUY first). The one place every multi-order path
 * (multi-leg, level, square-off) goes through, so hedge by fill holds everywhere: a SELL is sent only once every BUY
 * before it is filled in full, so a hedged position never turns into a naked short; the remaining slices of a leg
 * are not sent once one of its slices failed. An unknown outcome is settled by reading the order book, never by
 * sending again. An acknowledgement is not an execution: what the broker did comes from {@link OrderWatch}.
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
    private final OrderWatch watch;
    private final OrderSettings orderSettings;

    /**
     * @param settlePause   pause between the order-book reads that settle an unknown outcome
     * @param settleReads   how many such reads
     * @param watch         the user's live order state: what the broker did with each order
     * @param orderSettings the confirmation window and the hedge timeout
     */
    public OrderExecutor(
            String uid,
            BrokerAdapter broker,
            AuditLog audit,
            Duration settlePause,
            int settleReads,
            OrderWatch watch,
            OrderSettings orderSettings) {
        this.uid = uid;
        this.broker = broker;
        this.audit = audit;
        this.settlePause = settlePause;
        this.settleReads = settleReads;
        this.watch = watch;
        this.orderSettings = orderSettings;
    }

    /**
     * Sends the orders, then watches what the broker did with them: a SELL goes only once every BUY before it is
     * filled in full ({@link #hedgeProblem}), and an order rejected inside the confirmation window is answered as
     * rejected, not placed.
     *
     * @param saveRecord stores the in-flight record's new detail (asynchronously; must not throw)
     */
    public List<OrderResult> execute(
            CommandId id, List<PlannedOrder> orders, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        List<OrderResult> results = new ArrayList<>();
        Optional<String> hedgeProblem = Optional.empty();
        boolean hedgeChecked = false;
        Set<Integer> failedLegs = new HashSet<>();
        // every order of the request, before the first goes: a crash part-way leaves the ones not sent in the record,
        // so the settlement answers "not sent" for them instead of calling the request complete
        for (PlannedOrder order : orders) {
            record.update(entry(order, id.orderTag(order.leg(), order.slice()), State.PLANNED, Optional.empty()));
        }
        saveRecord.accept(record);
        for (PlannedOrder order : orders) {
            String tag = id.orderTag(order.leg(), order.slice());
            if (order.side() == Side.SELL && !hedgeChecked) {
                hedgeChecked = true;
                hedgeProblem = hedgeProblem(results, record, saveRecord);
            }
            if (order.side() == Side.SELL && hedgeProblem.isPresent()) {
                results.add(notSent(
                        order, tag, "not sent: " + hedgeProblem.get() + "; a SELL must not go out without its hedge"));
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
            }
        }
        confirm(results, record, saveRecord);
        return results;
    }

    /**
     * Hedge by fill (redis-contract.md §2.2): waits, within the hedge timeout, until every BUY sent so far is filled
     * in full. Returns why the SELL legs must not go, naming the BUY and its state, or empty when they may. A BUY
     * rejected after its acknowledgement has its result turned into a rejection; a BUY still open stays open.
     */
    private Optional<String> hedgeProblem(
            List<OrderResult> results, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        long deadline = System.nanoTime() + orderSettings.hedgeTimeout().toNanos();
        for (int i = 0; i < results.size(); i++) {
            OrderResult buy = results.get(i);
            if (buy.side() != Side.BUY) {
                continue;
            }
            String name = "BUY leg " + buy.leg() + " (" + buy.tradingSymbol()
                    + buy.orderNumber().map(no -> ", order " + no).orElse("") + ")";
            switch (buy.outcome()) {
                case DONE -> {}
                case UNKNOWN -> {
                    return Optional.of(name + " has an unknown outcome");
                }
                case NOT_SENT -> {
                    return Optional.of(name + " was not sent");
                }
                case REJECTED, DENIED -> {
                    return Optional.of(name + " was rejected: " + buy.message());
                }
            }
            String orderNo = buy.orderNumber().orElseThrow();
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<OrderStates.Entry> state = awaitState(orderNo, left, true);
            if (state.isEmpty()) {
                return Optional.of(name + ": no state from the broker within " + seconds(orderSettings.hedgeTimeout())
                        + "; it may still fill");
            }
            OrderStates.Entry entry = state.get();
            if (entry.status().equals(OrderStates.COMPLETE) && entry.filled() >= entry.qty()) {
                continue;
            }
            if (!entry.isOpen()) {
                OrderResult refused = refusedAfterAck(buy, entry, record, saveRecord);
                results.set(i, refused);
                return Optional.of(name + " was " + entry.status().toLowerCase(Locale.ROOT) + ": "
                        + entry.reason().orElse(entry.brokerStatus()) + filledText(entry));
            }
            return Optional.of(name + " is " + entry.status() + filledText(entry) + " after "
                    + seconds(orderSettings.hedgeTimeout()) + "; it stays open");
        }
        return Optional.empty();
    }

    /**
     * Acknowledged is not accepted (redis-contract.md §2.2): every order placed is watched until the broker has
     * taken or refused it, within the confirmation window counted from now; one refused meanwhile is answered as
     * rejected. One with no state by then stays "placed": the acknowledgement is all that is known.
     */
    private void confirm(List<OrderResult> results, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        long deadline = System.nanoTime() + orderSettings.confirmWindow().toNanos();
        for (int i = 0; i < results.size(); i++) {
            OrderResult result = results.get(i);
            if (result.outcome() != Outcome.DONE) {
                continue;
            }
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<OrderStates.Entry> state = awaitState(result.orderNumber().orElseThrow(), left, false);
            if (state.isPresent()
                    && (state.get().status().equals(OrderStates.REJECTED)
                            || (state.get().status().equals(OrderStates.CANCELLED)
                                    && state.get().filled() == 0))) {
                results.set(i, refusedAfterAck(result, state.get(), record, saveRecord));
            }
        }
    }

    /**
     * What the watch knows of an order, waiting for it to be finished or only settled. Interrupted (the agent is
     * stopping), it answers what is known now and keeps the interrupt for the worker to see: the orders were sent,
     * so their results must still be written.
     */
    private Optional<OrderStates.Entry> awaitState(String orderNo, Duration within, boolean finished) {
        try {
            return finished ? watch.awaitFinished(orderNo, within) : watch.awaitSettled(orderNo, within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return watch.known(orderNo);
        }
    }

    /** An order the broker acknowledged and then rejected (or cancelled unfilled): the answer says so. */
    private OrderResult refusedAfterAck(
            OrderResult placed, OrderStates.Entry state, InFlightRecord record, Consumer<InFlightRecord> saveRecord) {
        String what = state.status().equals(OrderStates.REJECTED) ? "Order rejected: " : "Order cancelled: ";
        String reason = state.reason().filter(r -> !r.isBlank()).orElse(state.brokerStatus());
        log.info(
                "[{}] order {} ({}) {} after its acknowledgement: {}",
                uid,
                state.orderNo(),
                placed.tag(),
                state.status(),
                reason);
        OrderResult refused = new OrderResult(
                placed.leg(),
                placed.tradingSymbol(),
                placed.side(),
                placed.quantity(),
                placed.tag(),
                Outcome.REJECTED,
                placed.orderNumber(),
                what + reason + " (order " + state.orderNo() + ")" + filledText(state));
        record.update(new Entry(
                placed.tag(),
                placed.leg(),
                placed.tradingSymbol(),
                placed.side().name(),
                placed.quantity(),
                State.REJECTED,
                placed.orderNumber()));
        saveRecord.accept(record);
        return refused;
    }

    private static String filledText(OrderStates.Entry entry) {
        return entry.filled() > 0 || entry.isOpen() ? ", " + entry.filled() + " of " + entry.qty() + " filled" : "";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " s"
                : BigDecimal.valueOf(duration.toMillis(), 3)
                                .stripTrailingZeros()
                                .toPlainString() + " s";
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
                order.triggerPrice(),
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
        order.triggerPrice().ifPresent(t -> details.put("trigger_price", t.toPlainString()));
        details.put("product", order.product().name());
        details.put("outcome", result.outcome().name());
        result.orderNumber().ifPresent(no -> details.put("order_no", no));
        details.put("message", result.message());
        return details;
    }
}
