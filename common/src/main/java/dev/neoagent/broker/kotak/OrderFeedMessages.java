package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.OrderUpdate;
import java.util.Locale;

/**
 * Reads one text frame of the order-update feed (kotak-neo-streams.md §B) into what the feed does with it. Order
 * messages carry the order book's field names, so {@link KotakMapper#order} maps them; a frame without
 * {@code trdSym} is one of the fragments Kotak sometimes sends (only {@code ordSt}, {@code nOrdNo}, {@code ordValDt},
 * {@code strategyCode}, {@code hsUpTm}: kotak-neo-api#131) and becomes a {@link OrderUpdate.Partial}.
 */
final class OrderFeedMessages {
    // Kinds of unreadable input, short and fixed: they become metric labels.
    static final String NOT_JSON = "not_json";
    static final String NO_TYPE = "no_type";
    static final String UNREADABLE_ORDER = "unreadable_order";
    static final String BINARY = "binary";

    private final ObjectMapper json = KotakNeoAdapter.wireJson();

    /** What a frame means. */
    sealed interface Inbound {
        /** The answer to the handshake: {@code ak} "ok", or anything else (Kotak sends "nk"). */
        record Ack(boolean ok) implements Inbound {}

        record Update(OrderUpdate update) implements Inbound {}

        /** A message the agent has no use for yet ({@code position}, an echoed heartbeat, a new type). */
        record Ignored(String type) implements Inbound {}

        /** Unreadable: skipped. {@code detail} is for the log and never holds the frame itself. */
        record Malformed(String kind, String detail) implements Inbound {}
    }

    Inbound read(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new Inbound.Malformed(NOT_JSON, text.length() + " characters");
        }
        if (message == null || !message.isObject()) {
            return new Inbound.Malformed(NOT_JSON, "not a JSON object");
        }
        if (message.hasNonNull("ak")) {
            return new Inbound.Ack("ok".equalsIgnoreCase(message.get("ak").asText()));
        }
        String type = KotakMapper.text(message, "type").orElse(null);
        if (type == null) {
            return new Inbound.Malformed(NO_TYPE, "a message without a type");
        }
        if (!type.equals("order")) {
            return new Inbound.Ignored(loggable(type));
        }
        return order(message.get("data"));
    }

    private static Inbound order(JsonNode data) {
        if (data == null || !data.isObject()) {
            return new Inbound.Malformed(UNREADABLE_ORDER, "an order message without a data object");
        }
        try {
            if (KotakMapper.text(data, "trdSym").isEmpty()) {
                return new Inbound.Update(partial(data));
            }
            return new Inbound.Update(new OrderUpdate.Full(KotakMapper.order(data)));
        } catch (RuntimeException e) {
            // whatever the mapper or a record's check refuses, the frame is skipped and the connection kept
            return new Inbound.Malformed(UNREADABLE_ORDER, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static OrderUpdate.Partial partial(JsonNode data) {
        String orderNo = KotakMapper.text(data, "nOrdNo")
                .orElseThrow(() -> new IllegalArgumentException("a partial order frame without nOrdNo"));
        String status = KotakMapper.text(data, "ordSt")
                .orElseThrow(() -> new IllegalArgumentException("a partial order frame without ordSt"));
        return new OrderUpdate.Partial(new BrokerOrderId(orderNo), KotakCodes.orderStatus(status), status);
    }

    /** A type from the wire as it may be logged: short, letters, digits and '_' only. */
    private static String loggable(String type) {
        String shortened = type.length() > 20 ? type.substring(0, 20) : type;
        return shortened.replaceAll("[^A-Za-z0-9_]", "?").toLowerCase(Locale.ROOT);
    }
}
