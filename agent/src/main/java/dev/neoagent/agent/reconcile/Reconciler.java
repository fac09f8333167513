package dev.neoagent.agent.reconcile;

import dev.neoagent.agent.answer.Answers;
import dev.neoagent.agent.answer.Answers.OrderAnswer;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.CommandId;
import dev.neoagent.agent.order.InFlightRecord;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.contract.OrderStates;
import dev.neoagent.contract.OrderTags;
import dev.neoagent.contract.RequestType;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderStatus;
import dev.neoagent.domain.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a request an agent stopped working on (crash, kill -9, lost lease) from the broker's order
 * book. Every order of a command carries a tag starting with the command id, which the claim
 * recorded atomically, so the book alone says what reached the broker. Nothing is ever resent: an
 * order found is done (or rejected, as the book says); an order the book does not have was not
 * placed; when the book cannot be read the outcome stays UNKNOWN, with that explanation.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** What the order book says about a command. */
    record Settlement(List<OrderResult> results, Optional<String> unknownReason) {
        /** No order found, none that may have gone: those planned were never sent. */
        boolean nothingSent() {
            return unknownReason.isEmpty() && results.stream().allMatch(r -> r.outcome() == Outcome.NOT_SENT);
        }
    }

    /**
     * The answer to a request a stopped agent left: for an order request, what the order book says; any other
     * request is simply asked again.
     */
    public Map<String, String> answer(String uid, InFlightRecord record, BrokerAdapter broker, Instant now) {
        ClaimedRequest request = ClaimedRequest.recovered(uid, record.type(), new CommandId(record.id()), now);
        if (record.type() == RequestType.MODIFY_ORDER || record.type() == RequestType.CANCEL_ORDER) {
            // a modify or cancel carries no tag to find it by: only the order state can tell what happened
            return Answers.forOrders(
                    request,
                    new OrderAnswer(
                            Outcome.UNKNOWN,
                            "the agent stopped while serving this request; it may have reached the broker: check "
                                    + OrderStates.orders(uid) + " before asking again",
                            List.of()),
                    now);
        }
        if (!record.type().placesOrders()) {
            return Answers.denied(request, "the agent stopped while serving this request; please ask again", now);
        }
        Settlement settlement = settle(uid, record, broker);
        OrderAnswer outcome;
        if (settlement.unknownReason().isPresent()) {
            outcome =
                    new OrderAnswer(Outcome.UNKNOWN, settlement.unknownReason().get(), settlement.results());
        } else if (settlement.nothingSent()) {
            outcome = new OrderAnswer(
                    Outcome.REJECTED,
                    "not placed: the agent stopped before any order of this "
                            + "request reached the broker (none tagged " + OrderTags.prefix(record.id())
                            + "… in the order book)",
                    List.of());
        } else {
            outcome = Answers.summarise(record.type(), settlement.results());
        }
        return Answers.forOrders(request, outcome, now);
    }

    Settlement settle(String uid, InFlightRecord record, BrokerAdapter broker) {
        String prefix = OrderTags.prefix(record.id());
        List<Order> book;
        try {
            book = broker.orderBook();
        } catch (BrokerException e) {
            log.warn("[{}] cannot read the order book to settle {}: {}", uid, record.id(), e.getMessage());
            return new Settlement(
                    List.of(),
                    Optional.of("outcome UNKNOWN: the agent stopped while serving request "
                            + record.id() + " and the order book could not be read (" + e.getMessage() + "); check the "
                            + "order book for tags starting with " + prefix + " before sending anything again"));
        }
        List<Order> found = book.stream()
                .filter(o -> o.tag().map(t -> t.value().startsWith(prefix)).orElse(false))
                .sorted(Comparator.comparing(o -> o.tag().get().value()))
                .toList();
        List<OrderResult> results = new ArrayList<>();
        for (Order order : found) {
            results.add(fromBook(order));
        }
        Set<String> seen = found.stream().map(o -> o.tag().get().value()).collect(Collectors.toSet());
        for (InFlightRecord.Entry entry : record.orders()) {
            if (!seen.contains(entry.tag())) {
                results.add(notInBook(entry));
            }
        }
        return new Settlement(results, Optional.empty());
    }

    private static OrderResult fromBook(Order order) {
        String tag = order.tag().get().value();
        if (order.status() == OrderStatus.REJECTED) {
            return new OrderResult(
                    legOf(tag),
                    order.symbol().value(),
                    order.side(),
                    order.quantity(),
                    tag,
                    Outcome.REJECTED,
                    Optional.empty(),
                    "rejected by the broker: " + order.rejectReason().orElse(order.statusText()));
        }
        return new OrderResult(
                legOf(tag),
                order.symbol().value(),
                order.side(),
                order.quantity(),
                tag,
                Outcome.DONE,
                Optional.of(order.orderId().value()),
                "Order Placed: " + order.orderId().value() + " (confirmed from the order book after a restart)");
    }

    private static OrderResult notInBook(InFlightRecord.Entry entry) {
        boolean planned = entry.state() == InFlightRecord.State.PLANNED;
        String message = planned
                ? "not sent: the agent stopped before sending it"
                : entry.state() == InFlightRecord.State.REJECTED
                        ? "rejected before the agent stopped"
                        : "not placed: the agent stopped while sending it and the broker's order book has no order "
                                + "tagged " + entry.tag();
        return new OrderResult(
                entry.leg(),
                entry.tradingSymbol(),
                Side.valueOf(entry.side()),
                entry.quantity(),
                entry.tag(),
                planned ? Outcome.NOT_SENT : Outcome.REJECTED,
                Optional.empty(),
                message);
    }

    /** The leg index from a tag {@code <command id>L<leg>S<slice>}; 0 when it cannot be read. */
    static int legOf(String tag) {
        return OrderTags.legOf(tag).orElse(0);
    }
}
