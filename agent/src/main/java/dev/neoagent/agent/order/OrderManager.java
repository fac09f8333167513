package dev.neoagent.agent.order;

import dev.neoagent.agent.audit.AuditLog;
import dev.neoagent.agent.command.Command;
import dev.neoagent.agent.command.CommandParser;
import dev.neoagent.agent.command.InvalidRequestException;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.agent.state.OrderWatch;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderType;
import dev.neoagent.domain.Side;
import dev.neoagent.domain.Validity;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modify and cancel orders already placed (redis-contract.md §2.8), each call sent at most once. What an order is
 * comes from the user's live order state and the broker's order book; an order that is not the user's, or is already
 * finished, is refused with no call to the broker. A lost answer is UNKNOWN unless the order state shows within the
 * confirmation window that the change happened; it is never sent again.
 */
public final class OrderManager {
    private static final Logger log = LoggerFactory.getLogger(OrderManager.class);

    private final String uid;
    private final BrokerAdapter broker;
    private final OrderWatch watch;
    private final OrderSettings settings;
    private final AuditLog audit;

    public OrderManager(String uid, BrokerAdapter broker, OrderWatch watch, OrderSettings settings, AuditLog audit) {
        this.uid = uid;
        this.broker = broker;
        this.watch = watch;
        this.settings = settings;
        this.audit = audit;
    }

    // ---- modify ----

    /**
     * New terms for an open order; what the request leaves out keeps the order's current value.
     *
     * @param halted why new exposure is refused now, if it is: a modify that raises the quantity is then denied
     * @param stopMarket how an SL-M becomes the SL sent to the broker (its protective limit)
     * @throws InvalidRequestException for everything found wrong before any call (the message names it)
     */
    public OrderResult modify(
            String commandId,
            Command.ModifyOrder change,
            InstrumentResolver instruments,
            Optional<String> halted,
            StopMarketLimit stopMarket) {
        Order order = openOrder(change.orderNo(), "modify");
        InstrumentMeta contract = contractOf(order, instruments);
        int quantity = change.quantity().orElse(order.quantity());
        String where = "MODIFY_ORDER_REQ: ";
        if (quantity % contract.lotSize() != 0) {
            throw new InvalidRequestException(where + "qty " + quantity + " is not a multiple of lot size "
                    + contract.lotSize() + " for " + contract.tradingSymbol());
        }
        if (quantity < order.filledQuantity()) {
            throw new InvalidRequestException(where + "qty " + quantity + " is below the " + order.filledQuantity()
                    + " already filled of order " + change.orderNo());
        }
        if (quantity > order.quantity() && halted.isPresent()) {
            throw new InvalidRequestException(halted.get() + " (raising the quantity of order " + change.orderNo()
                    + " from " + order.quantity() + " to " + quantity + " is new exposure)");
        }
        OrderType asked = change.type().orElse(order.type());
        Optional<BigDecimal> trigger = asked.needsTrigger()
                ? Optional.of(change.triggerPrice()
                        .or(() -> positive(order.triggerPrice()))
                        .orElseThrow(
                                () -> new InvalidRequestException(where + "trigger_price is required to make order "
                                        + change.orderNo() + " an " + CommandParser.executionName(asked) + " order")))
                : Optional.empty();
        Optional<BigDecimal> price;
        OrderType type = asked;
        if (asked == OrderType.STOP_MARKET) {
            // Kotak refuses SL-M from API sessions: an SL with a protective limit beyond the trigger
            price = Optional.of(stopMarket.limitFor(order.side(), trigger.orElseThrow(), contract));
            type = OrderType.STOP_LIMIT;
        } else if (asked.needsPrice()) {
            price = Optional.of(change.price()
                    .or(() -> positive(order.price()))
                    .orElseThrow(() -> new InvalidRequestException(where + "price is required to make order "
                            + change.orderNo() + " a " + CommandParser.executionName(asked) + " order")));
        } else {
            price = Optional.empty();
        }
        price.ifPresent(p -> checkTick(where + "price", p, contract));
        trigger.ifPresent(t -> checkTick(where + "trigger_price", t, contract));
        if (asked == OrderType.STOP_LIMIT) {
            checkStopSide(order.side(), price.orElseThrow(), trigger.orElseThrow(), where);
        }
        OrderType sent = type;
        OrderModification modification = new OrderModification(order, quantity, sent, price, trigger, Validity.DAY);
        String terms = terms(quantity, sent, price, trigger);
        Predicate<OrderStates.Entry> applied = entry -> entry.qty() == quantity
                && price.map(p -> entry.price().compareTo(p) == 0).orElse(true)
                && trigger.map(t -> entry.triggerPrice().compareTo(t) == 0).orElse(true);
        OrderResult result;
        try {
            broker.modifyOrder(modification);
            result = result(
                    order,
                    Outcome.DONE,
                    "Order " + change.orderNo() + " modified: " + terms,
                    OrderResult.Action.MODIFY);
        } catch (BrokerException.OutcomeUnknown | BrokerException.UnexpectedResponse e) {
            result = settleLost(
                    order,
                    "modify",
                    applied,
                    "Order " + change.orderNo() + " modified: " + terms + " (confirmed from the order state)",
                    e.getMessage(),
                    OrderResult.Action.MODIFY);
        } catch (BrokerException e) {
            result = result(
                    order,
                    Outcome.REJECTED,
                    "modify of order " + change.orderNo() + " refused: " + brokerText(e),
                    OrderResult.Action.MODIFY);
        }
        audit(commandId, "modify_order", order, result, terms);
        return result;
    }

    // ---- cancel ----

    /** Cancels the target's open orders, one call each, each reported. */
    public List<OrderResult> cancel(String commandId, Command.CancelOrders.Target target) {
        List<Order> toCancel = switch (target) {
            case Command.CancelOrders.Order one -> List.of(openOrder(one.orderNo(), "cancel"));
            case Command.CancelOrders.Request request -> openOrdersOf(request.commandId());
            case Command.CancelOrders.All all -> openOrders();
        };
        List<OrderResult> results = new ArrayList<>();
        for (Order order : toCancel) {
            results.add(cancelOne(commandId, order).withLeg(results.size()));
        }
        return results;
    }

    /** What EXIT_ALL's first step did: the cancels, and the orders still open when the wait for them ended. */
    public record ExitCancels(List<OrderResult> cancels, List<String> stillOpen) {}

    /**
     * EXIT_ALL's first step: cancel every open order, then wait (bounded by the hedge timeout) until the order state
     * shows each one finished, so the square-off that follows sees the positions as they will stay.
     */
    public ExitCancels cancelAllAndWait(String commandId) {
        List<OrderResult> cancels = cancel(commandId, new Command.CancelOrders.All());
        List<String> sent = cancels.stream()
                .filter(r -> r.outcome() == Outcome.DONE || r.outcome() == Outcome.UNKNOWN)
                .flatMap(r -> r.orderNumber().stream())
                .toList();
        return new ExitCancels(cancels, awaitGone(sent, settings.hedgeTimeout()));
    }

    /** Every open order of the user, as the order book shows it now. */
    public List<Order> openOrders() {
        return book().stream().filter(OrderManager::isOpen).toList();
    }

    /**
     * Waits, within {@code within} in all, until each order has finished (cancelled, filled, rejected); returns those
     * still open then.
     */
    public List<String> awaitGone(List<String> orderNumbers, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> stillOpen = new ArrayList<>();
        for (String orderNo : orderNumbers) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<OrderStates.Entry> state = await(orderNo, left, entry -> !entry.isOpen());
            if (state.isEmpty() || state.get().isOpen()) {
                stillOpen.add(orderNo);
            }
        }
        return stillOpen;
    }

    private OrderResult cancelOne(String commandId, Order order) {
        String orderNo = order.orderId().value();
        OrderResult result;
        try {
            broker.cancelOrder(order.orderId());
            result = afterCancel(order);
        } catch (BrokerException.OutcomeUnknown | BrokerException.UnexpectedResponse e) {
            result = settleLost(
                    order,
                    "cancel",
                    entry -> entry.status().equals(OrderStates.CANCELLED),
                    "Order " + orderNo + " cancelled (confirmed from the order state)",
                    e.getMessage(),
                    OrderResult.Action.CANCEL);
        } catch (BrokerException e) {
            result = result(
                    order,
                    Outcome.REJECTED,
                    "cancel of order " + orderNo + " refused: " + brokerText(e),
                    OrderResult.Action.CANCEL);
        }
        audit(commandId, "cancel_order", order, result, "");
        return result;
    }

    /** The broker took the cancel: what the order state shows within the confirmation window says how it ended. */
    private OrderResult afterCancel(Order order) {
        String orderNo = order.orderId().value();
        Optional<OrderStates.Entry> state = await(orderNo, settings.confirmWindow(), entry -> !entry.isOpen());
        if (state.isPresent() && state.get().status().equals(OrderStates.COMPLETE)) {
            return result(
                    order,
                    Outcome.REJECTED,
                    "too late: order " + orderNo + " was filled (" + state.get().filled() + " of "
                            + state.get().qty() + ") before the cancel reached it",
                    OrderResult.Action.CANCEL);
        }
        if (state.isPresent() && state.get().status().equals(OrderStates.CANCELLED)) {
            String filled = state.get().filled() > 0
                    ? " (" + state.get().filled() + " of " + state.get().qty() + " had filled)"
                    : "";
            return result(order, Outcome.DONE, "Order " + orderNo + " cancelled" + filled, OrderResult.Action.CANCEL);
        }
        return result(
                order,
                Outcome.DONE,
                "Order " + orderNo + " cancel accepted by the broker; not yet shown " + "cancelled in the order state",
                OrderResult.Action.CANCEL);
    }

    // ---- what an order is ----

    /**
     * The order as the book shows it, if it is this user's and still open; refused otherwise, with no call that would
     * change anything. The order state answers first when it already knows the order finished.
     */
    private Order openOrder(String orderNo, String action) {
        Optional<OrderStates.Entry> known = watch.known(orderNo);
        if (known.isPresent() && !known.get().isOpen()) {
            throw new InvalidRequestException(
                    "order " + orderNo + " is already " + known.get().status() + "; there is nothing to " + action);
        }
        Order order = book().stream()
                .filter(o -> o.orderId().value().equals(orderNo))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "order " + orderNo + " is not one of this user's orders (not in the order book)"));
        if (!isOpen(order)) {
            throw new InvalidRequestException(
                    "order " + orderNo + " is already " + order.status() + "; there is nothing to " + action);
        }
        return order;
    }

    /**
     * The open orders an earlier request placed: by the tag it sent, or by the order numbers the order state
     * learned while the tag was still the request's (Kotak rewrites the tag after a modify or cancel).
     */
    private List<Order> openOrdersOf(String commandId) {
        List<String> known = watch.ofRequest(commandId).stream()
                .map(OrderStates.Entry::orderNo)
                .toList();
        List<Order> all = book().stream()
                .filter(o -> known.contains(o.orderId().value())
                        || o.tag()
                                .flatMap(tag -> dev.neoagent.contract.OrderTags.commandIdOf(tag.value()))
                                .filter(commandId::equals)
                                .isPresent())
                .toList();
        if (all.isEmpty()) {
            throw new InvalidRequestException("no order of request " + commandId + " is in the order book");
        }
        return all.stream().filter(OrderManager::isOpen).toList();
    }

    private List<Order> book() {
        try {
            return broker.orderBook();
        } catch (BrokerException e) {
            throw new InvalidRequestException("could not read the order book: " + e.getMessage() + "; nothing sent");
        }
    }

    private static boolean isOpen(Order order) {
        return switch (order.status()) {
            case OPEN, TRIGGER_PENDING, PENDING -> true;
            case COMPLETE, REJECTED, CANCELLED, OTHER -> false;
        };
    }

    private static InstrumentMeta contractOf(Order order, InstrumentResolver instruments) {
        Optional<InstrumentMeta> byToken = order.token().flatMap(token -> instruments.byToken(order.segment(), token));
        return byToken.or(() -> instruments.byTradingSymbol(order.symbol()))
                .orElseThrow(() -> new InvalidRequestException("order "
                        + order.orderId().value() + " ("
                        + order.symbol().value() + ") is not in the instrument master: its lot size and tick are "
                        + "unknown, so it cannot be checked; nothing sent"));
    }

    // ---- a lost answer ----

    /** A call whose answer was lost: the order state decides, within the confirmation window; never sent again. */
    private OrderResult settleLost(
            Order order,
            String what,
            Predicate<OrderStates.Entry> happened,
            String confirmed,
            String reason,
            OrderResult.Action action) {
        String orderNo = order.orderId().value();
        log.warn("[{}] {} of order {}: answer lost ({}); watching the order state", uid, what, orderNo, reason);
        Optional<OrderStates.Entry> state = await(orderNo, settings.confirmWindow(), happened);
        if (state.isPresent() && happened.test(state.get())) {
            return result(order, Outcome.DONE, confirmed, action);
        }
        return result(
                order,
                Outcome.UNKNOWN,
                "outcome UNKNOWN for the " + what + " of order " + orderNo + ": " + reason
                        + ". It may have reached the broker; NEO_ORDERS:" + uid
                        + " will show it. It was not sent again",
                action);
    }

    private Optional<OrderStates.Entry> await(String orderNo, Duration within, Predicate<OrderStates.Entry> done) {
        try {
            return watch.awaitState(orderNo, within, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return watch.known(orderNo);
        }
    }

    // ---- helpers ----

    /** The broker's own words for a refusal (and its code), else the exception's message. */
    private static String brokerText(BrokerException e) {
        return e instanceof BrokerException.Rejected rejected ? rejected.brokerMessage() : e.getMessage();
    }

    private static Optional<BigDecimal> positive(BigDecimal value) {
        return value.signum() > 0 ? Optional.of(value) : Optional.empty();
    }

    private static void checkTick(String what, BigDecimal price, InstrumentMeta contract) {
        if (price.remainder(contract.tick()).signum() != 0) {
            throw new InvalidRequestException(what + " " + price.toPlainString() + " is not on the tick grid of "
                    + Decimals.plain(contract.tick()) + " for " + contract.tradingSymbol());
        }
    }

    private static void checkStopSide(Side side, BigDecimal limit, BigDecimal trigger, String where) {
        if (side == Side.BUY && limit.compareTo(trigger) < 0) {
            throw new InvalidRequestException(where + "price " + limit.toPlainString() + " is below trigger_price "
                    + trigger.toPlainString() + ": a BUY stop-loss limit must be at or above its trigger");
        }
        if (side == Side.SELL && limit.compareTo(trigger) > 0) {
            throw new InvalidRequestException(where + "price " + limit.toPlainString() + " is above trigger_price "
                    + trigger.toPlainString() + ": a SELL stop-loss limit must be at or below its trigger");
        }
    }

    private static String terms(
            int quantity, OrderType type, Optional<BigDecimal> price, Optional<BigDecimal> trigger) {
        StringBuilder text = new StringBuilder(CommandParser.executionName(type).toLowerCase(Locale.ROOT));
        text.append(", qty ").append(quantity);
        price.ifPresent(p -> text.append(", price ").append(p.toPlainString()));
        trigger.ifPresent(t -> text.append(", trigger ").append(t.toPlainString()));
        return text.toString();
    }

    private static OrderResult result(Order order, Outcome outcome, String message, OrderResult.Action action) {
        return new OrderResult(
                0,
                order.symbol().value(),
                order.side(),
                order.quantity(),
                order.tag().map(t -> t.value()).orElse(""),
                outcome,
                Optional.of(order.orderId().value()),
                message,
                action);
    }

    private void audit(String commandId, String call, Order order, OrderResult result, String terms) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("call", call);
        details.put("order_no", order.orderId().value());
        details.put("tsym", order.symbol().value());
        if (!terms.isEmpty()) {
            details.put("terms", terms);
        }
        details.put("outcome", result.outcome().name());
        details.put("message", result.message());
        audit.record(uid, "broker_call", commandId, details);
    }

    /** How an SL-M becomes the SL the broker takes: its protective limit beyond the trigger. */
    @FunctionalInterface
    public interface StopMarketLimit {
        BigDecimal limitFor(Side side, BigDecimal trigger, InstrumentMeta contract);
    }
}
