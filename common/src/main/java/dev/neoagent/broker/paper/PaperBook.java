package dev.neoagent.broker.paper;

import dev.neoagent.domain.BrokerOrderId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a paper account remembers: its capital, every order with its history and every fill.
 * Positions, P&amp;L and funds are derived from it, never stored, so they cannot disagree with it.
 *
 * <p>Immutable: a change builds a new book, which replaces the old one only once it is saved. A
 * failed save therefore leaves memory and file agreeing with each other.
 *
 * @param orders histories by order number, oldest state first, in the order they were placed
 */
record PaperBook(
        BigDecimal capital,
        long lastOrderSequence,
        long lastFillSequence,
        Map<BrokerOrderId, List<PaperOrder>> orders,
        List<PaperFill> fills) {

    PaperBook {
        Objects.requireNonNull(capital, "capital");
        Map<BrokerOrderId, List<PaperOrder>> copy = new LinkedHashMap<>();
        orders.forEach((id, history) -> {
            if (history.isEmpty()) {
                throw new IllegalArgumentException("order " + id + " has no history");
            }
            copy.put(id, List.copyOf(history));
        });
        orders = Collections.unmodifiableMap(copy);
        fills = List.copyOf(fills);
    }

    static PaperBook empty(BigDecimal capital) {
        return new PaperBook(capital, 0, 0, Map.of(), List.of());
    }

    Optional<PaperOrder> current(BrokerOrderId id) {
        List<PaperOrder> history = orders.get(id);
        return history == null ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** Oldest state first; empty for an unknown order. */
    List<PaperOrder> history(BrokerOrderId id) {
        return orders.getOrDefault(id, List.of());
    }

    /** The latest state of every order, in the order they were placed. */
    List<PaperOrder> currentOrders() {
        return orders.values().stream()
                .map(history -> history.get(history.size() - 1))
                .toList();
    }

    List<PaperOrder> workingOrders() {
        return currentOrders().stream().filter(PaperOrder::isWorking).toList();
    }

    /** A new order's first state; it used up the next order sequence number. */
    PaperBook withNewOrder(PaperOrder first) {
        if (orders.containsKey(first.id())) {
            throw new IllegalArgumentException("order " + first.id() + " already exists");
        }
        Map<BrokerOrderId, List<PaperOrder>> next = new LinkedHashMap<>(orders);
        next.put(first.id(), List.of(first));
        return new PaperBook(capital, lastOrderSequence + 1, lastFillSequence, next, fills);
    }

    /** The next state of an existing order. */
    PaperBook withState(PaperOrder state) {
        List<PaperOrder> history = orders.get(state.id());
        if (history == null) {
            throw new IllegalArgumentException("order " + state.id() + " is not in the book");
        }
        List<PaperOrder> longer = new ArrayList<>(history);
        longer.add(state);
        Map<BrokerOrderId, List<PaperOrder>> next = new LinkedHashMap<>(orders);
        next.put(state.id(), longer);
        return new PaperBook(capital, lastOrderSequence, lastFillSequence, next, fills);
    }

    /** A fill; it used up the next fill sequence number. */
    PaperBook withFill(PaperFill fill) {
        List<PaperFill> more = new ArrayList<>(fills);
        more.add(fill);
        return new PaperBook(capital, lastOrderSequence, lastFillSequence + 1, orders, more);
    }
}
