package dev.neoagent.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.json.PythonJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live order state of a user (redis-contract.md §2.7): {@code NEO_ORDERS:<UID>} (order number → one
 * {@link Entry} as JSON) and the capped stream {@code NEO_ORDER_EVENTS:<UID>} (one entry per state change). Every
 * order of the user's trading day, ours and those placed elsewhere; kept current from the broker's order feed, or
 * the order book while the feed is down.
 */
public final class OrderStates {
    /** The states an order is shown in; a broker status the agent does not know shows as {@link #PENDING}. */
    public static final String PENDING = "PENDING";

    public static final String OPEN = "OPEN";
    public static final String TRIGGER_PENDING = "TRIGGER_PENDING";
    public static final String COMPLETE = "COMPLETE";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    public static final List<String> STATUSES = List.of(PENDING, OPEN, TRIGGER_PENDING, COMPLETE, REJECTED, CANCELLED);

    /** Fields of one {@code NEO_ORDER_EVENTS:<UID>} entry. */
    public static final String EVENT_ORDER_NO = "order_no";

    public static final String EVENT_STATUS = "status";
    public static final String EVENT_FILLED = "filled";
    public static final String EVENT_AVG_PRICE = "avg_price";
    public static final String EVENT_REASON = "reason";
    public static final String EVENT_AT = "at";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private OrderStates() {}

    public static String orders(String uid) {
        return "NEO_ORDERS:" + uid;
    }

    public static String events(String uid) {
        return "NEO_ORDER_EVENTS:" + uid;
    }

    /**
     * One order as {@code NEO_ORDERS:<UID>} shows it.
     *
     * @param tag       the {@code ig} tag the agent sent, when the order is ours
     * @param request   the command id of the request that placed it, when ours
     * @param status    one of {@link #STATUSES}
     * @param brokerStatus the broker's own status text, as received
     * @param reason    the broker's rejection reason, when rejected
     * @param external  placed outside the agent (the broker's app or web)
     */
    public record Entry(
            String orderNo,
            Optional<String> tag,
            Optional<String> request,
            String tsym,
            String side,
            int qty,
            int filled,
            BigDecimal avgPrice,
            BigDecimal price,
            BigDecimal triggerPrice,
            String status,
            String brokerStatus,
            Optional<String> reason,
            boolean external,
            Instant updatedAt) {
        public Entry {
            Objects.requireNonNull(orderNo, "orderNo");
            Objects.requireNonNull(tsym, "tsym");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(avgPrice, "avgPrice");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(triggerPrice, "triggerPrice");
            Objects.requireNonNull(updatedAt, "updatedAt");
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES + ", was " + status);
            }
            tag = tag == null ? Optional.empty() : tag;
            request = request == null ? Optional.empty() : request;
            reason = reason == null ? Optional.empty() : reason;
            brokerStatus = brokerStatus == null ? "" : brokerStatus;
        }

        /** The same state, as the order of an earlier request: its tag and command id, not external. */
        public Entry ofRequest(Optional<String> sentTag, Optional<String> commandId) {
            return new Entry(
                    orderNo,
                    sentTag,
                    commandId,
                    tsym,
                    side,
                    qty,
                    filled,
                    avgPrice,
                    price,
                    triggerPrice,
                    status,
                    brokerStatus,
                    reason,
                    commandId.isEmpty(),
                    updatedAt);
        }

        /** Still working at the broker: it may fill, be modified or cancelled. */
        public boolean isOpen() {
            return status.equals(PENDING) || status.equals(OPEN) || status.equals(TRIGGER_PENDING);
        }

        /** The hash value, in Python's json.dumps layout like every JSON value of the contract. */
        public String toJson() {
            PythonJson.ObjectWriter json = PythonJson.object().string("order_no", orderNo);
            json.string("tag", tag.orElse(null)).string("request", request.orElse(null));
            return json.string("tsym", tsym)
                    .string("side", side)
                    .number("qty", qty)
                    .number("filled", filled)
                    .string("avg_price", avgPrice.toPlainString())
                    .string("price", price.toPlainString())
                    .string("trigger_price", triggerPrice.toPlainString())
                    .string("status", status)
                    .string("broker_status", brokerStatus)
                    .string("reason", reason.orElse(null))
                    .raw("external", Boolean.toString(external))
                    .string(
                            "updated_at",
                            updatedAt.atZone(IST).toOffsetDateTime().toString())
                    .toString();
        }

        /** The stream entry of this state. */
        public Map<String, String> event() {
            Map<String, String> event = new LinkedHashMap<>();
            event.put(EVENT_ORDER_NO, orderNo);
            event.put(EVENT_STATUS, status);
            event.put(EVENT_FILLED, Integer.toString(filled));
            event.put(EVENT_AVG_PRICE, avgPrice.toPlainString());
            event.put(EVENT_REASON, reason.orElse(""));
            event.put(EVENT_AT, updatedAt.atZone(IST).toOffsetDateTime().toString());
            return event;
        }

        /** Reads a hash value back (the operator CLI's order table). */
        public static Entry parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return new Entry(
                        text(node, "order_no").orElseThrow(),
                        text(node, "tag"),
                        text(node, "request"),
                        text(node, "tsym").orElse(""),
                        text(node, "side").orElse(""),
                        node.path("qty").asInt(),
                        node.path("filled").asInt(),
                        new BigDecimal(text(node, "avg_price").orElse("0")),
                        new BigDecimal(text(node, "price").orElse("0")),
                        new BigDecimal(text(node, "trigger_price").orElse("0")),
                        text(node, "status").orElse(PENDING),
                        text(node, "broker_status").orElse(""),
                        text(node, "reason"),
                        node.path("external").asBoolean(),
                        java.time.OffsetDateTime.parse(text(node, "updated_at").orElseThrow())
                                .toInstant());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not an order state: " + e.getMessage(), e);
            }
        }

        private static Optional<String> text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
        }
    }
}
