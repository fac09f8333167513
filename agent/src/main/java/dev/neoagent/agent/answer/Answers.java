package dev.neoagent.agent.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.contract.Flags;
import dev.neoagent.contract.RequestType;
import dev.neoagent.json.PythonJson;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer fields of every request type (redis-contract.md §2), written in one HSET together with
 * the flag's final value. Status literals and message texts are the ones the existing UI reads. Every
 * answer is assembled here: by the dispatcher for a request it served, by the reconciler for a request a
 * stopped agent left.
 */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private Answers() {}

    /** An order request's outcome: message, status fields and the RESULT_* JSON. */
    public record OrderAnswer(Outcome outcome, String message, List<OrderResult> orders) {}

    public static Map<String, String> forOrders(ClaimedRequest request, OrderAnswer answer, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        String result = resultJson(request, answer, at);
        RequestType type = request.type();
        switch (type) {
            case PLACE_SINGLE,
                    PLACE_MULTI,
                    LEVEL_CE,
                    LEVEL_PE,
                    MODIFY_ORDER,
                    CANCEL_ORDER,
                    EXIT_ALL,
                    OI_CROSSOVER,
                    BN_OI_CROSSOVER -> {
                fields.put(type.statusField().orElseThrow(), status(answer.outcome(), Flags.STATUS_SUCCESS));
                fields.put(type.messageField().orElseThrow(), answer.message());
            }
            // the existing UI's format: the message follows the status in one field
            case PLACE_EQUITY ->
                fields.put(
                        type.statusField().orElseThrow(),
                        status(answer.outcome(), Flags.STATUS_SUCCESS) + ": " + answer.message());
            case SQUAREOFF, SQUAREOFF_ALL -> {
                // SQUAREOFF's flag is this same status field
                fields.put(RequestType.SQUAREOFF.flagField(), status(answer.outcome(), Flags.STATUS_DONE));
                fields.put(type.messageField().orElseThrow(), answer.message());
            }
            default -> throw new IllegalArgumentException(type + " is not an order request");
        }
        fields.put(type.resultField().orElseThrow(), result);
        if (type.claimedByFlag() && type != RequestType.SQUAREOFF) {
            fields.put(type.flagField(), Flags.FETCHED);
        }
        return fields;
    }

    /** The status text of an outcome: {@code done} for a success (SUCCESS, or DONE for a square-off). */
    private static String status(Outcome outcome, String done) {
        return switch (outcome) {
            case DONE -> done;
            case UNKNOWN -> Flags.STATUS_UNKNOWN;
            case DENIED, REJECTED, NOT_SENT -> Flags.STATUS_FAILED;
        };
    }

    /** {@code {"id": ..., "outcome": ..., "orders": [...], "at": ...}} in Python's JSON layout. */
    public static String resultJson(ClaimedRequest request, OrderAnswer answer, Instant at) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", request.id().value())
                .put(
                        "outcome",
                        answer.outcome() == Outcome.NOT_SENT
                                ? Outcome.REJECTED.name()
                                : answer.outcome().name());
        ArrayNode orders = node.putArray("orders");
        for (OrderResult result : answer.orders()) {
            ObjectNode order = orders.addObject()
                    .put("leg", result.leg())
                    .put("tsym", result.tradingSymbol())
                    .put("side", result.side().name())
                    .put("qty", result.quantity());
            if (result.orderNumber().isPresent()) {
                order.put("order_no", result.orderNumber().get());
            } else {
                order.putNull("order_no");
            }
            order.put("tag", result.tag());
            if (request.type().managesOrders()) {
                order.put("action", result.action().wireName());
            }
            order.put("outcome", result.outcome().name()).put("message", result.message());
        }
        node.put("message", answer.message());
        node.put("at", timestamp(at));
        return PythonJson.write(node);
    }

    /** Login answers update both status families so every UI agrees (redis-contract.md §2.1). */
    public static Map<String, String> forLogin(RequestType family, boolean ok, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestType.NEO_LOGIN.statusField().orElseThrow(), ok ? Flags.LOGIN_READY : Flags.STATUS_FAILED);
        fields.put(RequestType.NEO_LOGIN.messageField().orElseThrow(), message);
        fields.put(RequestType.LOGIN.statusField().orElseThrow(), ok ? Flags.STATUS_SUCCESS : Flags.STATUS_FAILED);
        fields.put(RequestType.LOGIN.messageField().orElseThrow(), message);
        fields.put(family.flagField(), Flags.FETCHED);
        return fields;
    }

    public static Map<String, String> forSession(boolean active, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        RequestType check = RequestType.CHECK_SESSION;
        fields.put(check.statusField().orElseThrow(), active ? Flags.SESSION_ACTIVE : Flags.SESSION_EXPIRED);
        fields.put(check.messageField().orElseThrow(), message);
        fields.put(check.flagField(), Flags.FETCHED);
        return fields;
    }

    /** A report flag ends {@code fetched} with {@code <FLAG>_AT}, or {@code failed} with {@code <FLAG>_MESSAGE}. */
    public static Map<String, String> forReport(RequestType report, boolean ok, String message, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (ok) {
            fields.put(report.reportTimeField().orElseThrow(), timestamp(at));
            fields.put(report.flagField(), Flags.FETCHED);
        } else {
            fields.put(report.reportFailureField().orElseThrow(), message);
            fields.put(report.flagField(), Flags.FAILED);
        }
        return fields;
    }

    /** A request that could not be served as written, answered in its own type's fields. */
    public static Map<String, String> denied(ClaimedRequest request, String message, Instant at) {
        return switch (request.type()) {
            case NEO_LOGIN, LOGIN -> forLogin(request.type(), false, message);
            case CHECK_SESSION -> forSession(false, message);
            case BALANCE, POSITION, ORDERBOOK, TRADEBOOK, HOLDINGS -> forReport(request.type(), false, message, at);
            case PLACE_SINGLE,
                    PLACE_MULTI,
                    PLACE_EQUITY,
                    SQUAREOFF,
                    SQUAREOFF_ALL,
                    LEVEL_CE,
                    LEVEL_PE,
                    MODIFY_ORDER,
                    CANCEL_ORDER,
                    EXIT_ALL,
                    OI_CROSSOVER,
                    BN_OI_CROSSOVER -> forOrders(request, new OrderAnswer(Outcome.DENIED, message, List.of()), at);
        };
    }

    /**
     * A short outcome for metrics: the request's status (SUCCESS, FAILED, UNKNOWN, READY, ACTIVE,
     * DONE ...), or the flag's final value for reports (fetched, failed).
     */
    public static String outcomeLabel(RequestType type, Map<String, String> answer) {
        String status = type.statusField().map(answer::get).orElse(null);
        if (type == RequestType.SQUAREOFF) {
            status = answer.get(type.flagField());
        }
        if (status == null) {
            status = answer.getOrDefault(type.flagField(), "unknown");
        }
        int colon = status.indexOf(':');
        return (colon > 0 ? status.substring(0, colon) : status).toLowerCase(java.util.Locale.ROOT);
    }

    public static String timestamp(Instant at) {
        return at.atZone(IST).toOffsetDateTime().toString();
    }

    /**
     * One answer for a modify or a cancel (redis-contract.md §2.8): a single order's own message; several orders'
     * count, or the first error; {@code whenNone} when there was nothing to do.
     */
    public static OrderAnswer summariseManaged(RequestType type, List<OrderResult> results, String whenNone) {
        if (results.isEmpty()) {
            return new OrderAnswer(Outcome.DONE, whenNone, results);
        }
        Outcome outcome = overall(results);
        if (results.size() == 1) {
            return new OrderAnswer(outcome, results.get(0).message(), results);
        }
        List<OrderResult> failed =
                results.stream().filter(r -> r.outcome() != Outcome.DONE).toList();
        String numbers = results.stream().flatMap(r -> r.orderNumber().stream()).collect(Collectors.joining(", "));
        String message = failed.isEmpty()
                ? (type == RequestType.CANCEL_ORDER ? "Cancelled " : "Modified ") + results.size() + " orders: "
                        + numbers
                : "Completed with " + failed.size() + " errors. First error: "
                        + failed.get(0).message();
        return new OrderAnswer(outcome, message, results);
    }

    /**
     * EXIT_ALL's one answer: every cancel and every square-off order, and what is left — orders still open when the
     * wait ended, a position book that could not be read.
     */
    public static OrderAnswer summariseExit(
            List<OrderResult> steps, List<String> stillOpen, Optional<String> positionsProblem) {
        List<String> problems = new ArrayList<>();
        steps.stream().filter(r -> r.outcome() != Outcome.DONE).forEach(r -> problems.add(r.message()));
        if (!stillOpen.isEmpty()) {
            problems.add("still open after the wait: " + String.join(", ", stillOpen));
        }
        positionsProblem.ifPresent(problems::add);
        long cancelled = steps.stream()
                .filter(r -> r.action() == OrderResult.Action.CANCEL && r.outcome() == Outcome.DONE)
                .count();
        String placed = steps.stream()
                .filter(r -> r.action() == OrderResult.Action.PLACE)
                .flatMap(r -> r.orderNumber().stream())
                .collect(Collectors.joining(", "));
        String done = "cancelled " + cancelled + " open order" + (cancelled == 1 ? "" : "s") + "; "
                + (placed.isEmpty() ? "no position to square off" : "square-off orders placed: " + placed);
        boolean unknown = steps.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN);
        if (problems.isEmpty()) {
            return new OrderAnswer(Outcome.DONE, "Exit complete: " + done, steps);
        }
        return new OrderAnswer(
                unknown ? Outcome.UNKNOWN : Outcome.REJECTED,
                "Completed with " + problems.size() + " errors. First error: " + problems.get(0) + ". Done: " + done,
                steps);
    }

    private static Outcome overall(List<OrderResult> results) {
        if (results.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN)) {
            return Outcome.UNKNOWN;
        }
        return results.stream().allMatch(r -> r.outcome() == Outcome.DONE) ? Outcome.DONE : Outcome.REJECTED;
    }

    /** One answer for the orders of a request: the outcome of all of them and the message the UI shows. */
    public static OrderAnswer summarise(RequestType type, List<OrderResult> results) {
        boolean unknown = results.stream().anyMatch(r -> r.outcome() == Outcome.UNKNOWN);
        boolean allDone = results.stream().allMatch(r -> r.outcome() == Outcome.DONE);
        Outcome outcome = unknown ? Outcome.UNKNOWN : allDone ? Outcome.DONE : Outcome.REJECTED;
        String orderNumbers =
                results.stream().flatMap(r -> r.orderNumber().stream()).collect(Collectors.joining(", "));
        String message;
        if (allDone && results.size() == 1 && type == RequestType.PLACE_SINGLE) {
            message = results.get(0).message(); // keeps a "confirmed from the order book" note
        } else if (allDone) {
            message = switch (type) {
                case PLACE_SINGLE -> "Order Placed: " + orderNumbers;
                case PLACE_EQUITY -> "Order Placed " + orderNumbers;
                case SQUAREOFF, SQUAREOFF_ALL -> "Square-off orders placed: " + orderNumbers;
                default -> "All legs placed successfully";
            };
        } else {
            List<OrderResult> failed =
                    results.stream().filter(r -> r.outcome() != Outcome.DONE).toList();
            OrderResult first = failed.stream()
                    .filter(r -> r.outcome() != Outcome.NOT_SENT)
                    .findFirst()
                    .orElse(failed.get(0));
            if (type == RequestType.PLACE_SINGLE || type == RequestType.PLACE_EQUITY) {
                message = first.message();
            } else {
                message = "Completed with " + failed.size() + " errors. First error: " + first.message();
                if (failed.stream().anyMatch(r -> r.outcome() == Outcome.NOT_SENT)) {
                    message += ". Orders after the failure were not sent (no SELL without its BUY hedge)";
                }
            }
        }
        return new OrderAnswer(outcome, message, results);
    }

    /** Audit details of an answer: its fields, minus the bulky result JSON. */
    public static Map<String, String> auditDetails(RequestType type, Map<String, String> answer) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", type.name());
        answer.forEach((field, value) -> {
            if (type.resultField().filter(field::equals).isEmpty()) {
                details.put(field, value);
            }
        });
        return details;
    }
}
