package dev.neoagent.agent.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.agent.command.RequestType;
import dev.neoagent.agent.order.OrderResult;
import dev.neoagent.agent.order.Outcome;
import dev.neoagent.json.PythonJson;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer fields of every request type (redis-contract.md §2), written in one HSET together with
 * the flag's final value. Status literals and message texts are the ones the existing UI reads.
 */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private Answers() {
    }

    /** An order request's outcome: message, status fields and the RESULT_* JSON. */
    record OrderAnswer(Outcome outcome, String message, List<OrderResult> orders) {
    }

    static Map<String, String> forOrders(ClaimedRequest request, OrderAnswer answer, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        String result = resultJson(request, answer, at);
        switch (request.type()) {
            case PLACE_SINGLE -> orderFields(fields, "SINGLE", answer, result);
            case PLACE_MULTI -> orderFields(fields, "MULTI", answer, result);
            case LEVEL_CE -> orderFields(fields, "LEVEL_CE", answer, result);
            case LEVEL_PE -> orderFields(fields, "LEVEL_PE", answer, result);
            case PLACE_EQUITY -> {
                fields.put("STATUS_EQUITY", switch (answer.outcome()) {
                    case DONE -> "SUCCESS: " + answer.message();
                    case UNKNOWN -> "UNKNOWN: " + answer.message();
                    case DENIED, REJECTED, NOT_SENT -> "FAILED: " + answer.message();
                });
                fields.put("RESULT_EQUITY", result);
            }
            case SQUAREOFF, SQUAREOFF_ALL -> {
                fields.put("SQUAREOFF_STATUS", switch (answer.outcome()) {
                    case DONE -> "DONE";
                    case UNKNOWN -> "UNKNOWN";
                    case DENIED, REJECTED, NOT_SENT -> "FAILED";
                });
                fields.put("SQUAREOFF_MESSAGE", answer.message());
                fields.put("RESULT_SQUAREOFF", result);
            }
            default -> throw new IllegalArgumentException(request.type() + " is not an order request");
        }
        if (request.type().claimedByFlag() && request.type() != RequestType.SQUAREOFF) {
            fields.put(request.type().flagField(), "fetched");
        }
        return fields;
    }

    private static void orderFields(Map<String, String> fields, String suffix, OrderAnswer answer, String result) {
        fields.put("STATUS_" + suffix, switch (answer.outcome()) {
            case DONE -> "SUCCESS";
            case UNKNOWN -> "UNKNOWN";
            case DENIED, REJECTED, NOT_SENT -> "FAILED";
        });
        fields.put("MSG_" + suffix, answer.message());
        fields.put("RESULT_" + suffix, result);
    }

    /** {@code {"id": ..., "outcome": ..., "orders": [...], "at": ...}} in Python's JSON layout. */
    static String resultJson(ClaimedRequest request, OrderAnswer answer, Instant at) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", request.id().value())
                .put("outcome", answer.outcome() == Outcome.NOT_SENT ? Outcome.REJECTED.name() : answer.outcome().name());
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
            order.put("tag", result.tag())
                    .put("outcome", result.outcome().name())
                    .put("message", result.message());
        }
        node.put("message", answer.message());
        node.put("at", timestamp(at));
        return PythonJson.write(node);
    }

    /** Login answers update both status families so every UI agrees (redis-contract.md §2.1). */
    static Map<String, String> forLogin(RequestType family, boolean ok, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("NEO_LOGIN_STATUS", ok ? "READY" : "FAILED");
        fields.put("NEO_LOGIN_MESSAGE", message);
        fields.put("LOGIN_STATUS", ok ? "SUCCESS" : "FAILED");
        fields.put("LOGIN_MESSAGE", message);
        fields.put(family.flagField(), "fetched");
        return fields;
    }

    static Map<String, String> forSession(boolean active, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SESSION_STATUS", active ? "ACTIVE" : "EXPIRED");
        fields.put("SESSION_MESSAGE", message);
        fields.put(RequestType.CHECK_SESSION.flagField(), "fetched");
        return fields;
    }

    /** A report flag ends {@code fetched} with {@code <FLAG>_AT}, or {@code failed} with {@code <FLAG>_MESSAGE}. */
    static Map<String, String> forReport(RequestType report, boolean ok, String message, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (ok) {
            fields.put(report.flagField() + "_AT", timestamp(at));
            fields.put(report.flagField(), "fetched");
        } else {
            fields.put(report.flagField() + "_MESSAGE", message);
            fields.put(report.flagField(), "failed");
        }
        return fields;
    }

    /** A request that could not be served as written, answered in its own type's fields. */
    static Map<String, String> denied(ClaimedRequest request, String message, Instant at) {
        return switch (request.type()) {
            case NEO_LOGIN, LOGIN -> forLogin(request.type(), false, message);
            case CHECK_SESSION -> forSession(false, message);
            case BALANCE, POSITION, ORDERBOOK, TRADEBOOK, HOLDINGS -> forReport(request.type(), false, message, at);
            case PLACE_SINGLE, PLACE_MULTI, PLACE_EQUITY, SQUAREOFF, SQUAREOFF_ALL, LEVEL_CE, LEVEL_PE ->
                    forOrders(request, new OrderAnswer(Outcome.DENIED, message, List.of()), at);
        };
    }

    /**
     * A short outcome for metrics: the request's status (SUCCESS, FAILED, UNKNOWN, READY, ACTIVE,
     * DONE ...), or the flag's final value for reports (fetched, failed).
     */
    static String outcomeLabel(RequestType type, Map<String, String> answer) {
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

    static String timestamp(Instant at) {
        return at.atZone(IST).toOffsetDateTime().toString();
    }
}
