package dev.neoagent.agent.reconcile;

import dev.neoagent.agent.order.InFlightRecord;
import dev.neoagent.agent.order.OrderExecutor;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settles a request an agent stopped working on (crash, kill -9, lost lease) from the broker's order
 * book, by the tags recorded before each order was sent. Nothing is ever resent: an order found in
 * the book is done (or rejected, as the book says); an order the book does not have was not placed;
 * when the book cannot be read the order stays UNKNOWN, with that explanation.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** Orders results of a settled record; empty orders means nothing had been sent. */
    public List<OrderResult> settle(String uid, InFlightRecord record, BrokerAdapter broker) {
        List<InFlightRecord.Entry> entries = record.orders();
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Order> book = null;
        String bookProblem = null;
        if (entries.stream().anyMatch(e -> e.state() == InFlightRecord.State.SENDING
                || e.state() == InFlightRecord.State.UNKNOWN)) {
            try {
                book = broker.orderBook();
            } catch (BrokerException e) {
                bookProblem = e.getMessage();
                log.warn("[{}] cannot read the order book to settle {}: {}", uid, record.id(), bookProblem);
            }
        }
        List<OrderResult> results = new ArrayList<>();
        for (InFlightRecord.Entry entry : entries) {
            results.add(settle(entry, book, bookProblem));
        }
        return results;
    }

    private static OrderResult settle(InFlightRecord.Entry entry, List<Order> book, String bookProblem) {
        Side side = Side.valueOf(entry.side());
        return switch (entry.state()) {
            case ACCEPTED -> result(entry, side, Outcome.DONE, entry.orderNumber(),
                    "Order Placed: " + entry.orderNumber().orElse("?"));
            case REJECTED -> result(entry, side, Outcome.REJECTED, Optional.empty(),
                    "rejected before the agent stopped");
            case SENDING, UNKNOWN -> {
                if (book == null) {
                    yield result(entry, side, Outcome.UNKNOWN, Optional.empty(), "outcome UNKNOWN for "
                            + entry.tradingSymbol() + " (tag " + entry.tag() + "): the agent stopped while sending it "
                            + "and the order book could not be read (" + bookProblem + "); check the order book "
                            + "before sending it again");
                }
                Optional<Order> found = OrderExecutor.findByTag(book, entry.tag());
                if (found.isEmpty()) {
                    yield result(entry, side, Outcome.REJECTED, Optional.empty(), "not placed: the agent stopped "
                            + "while sending it and the broker's order book has no order tagged " + entry.tag());
                }
                Order order = found.get();
                if (order.status() == OrderStatus.REJECTED) {
                    yield result(entry, side, Outcome.REJECTED, Optional.empty(),
                            "rejected by the broker: " + order.rejectReason().orElse(order.statusText()));
                }
                yield result(entry, side, Outcome.DONE, Optional.of(order.orderId().value()),
                        "Order Placed: " + order.orderId().value() + " (confirmed from the order book after a restart)");
            }
        };
    }

    private static OrderResult result(InFlightRecord.Entry entry, Side side, Outcome outcome,
                                      Optional<String> orderNumber, String message) {
        return new OrderResult(entry.leg(), entry.tradingSymbol(), side, entry.quantity(), entry.tag(), outcome,
                orderNumber, message);
    }
}
