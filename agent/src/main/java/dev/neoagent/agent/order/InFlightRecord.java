package dev.neoagent.agent.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.agent.command.ClaimedRequest;
import dev.neoagent.contract.RequestType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a restarted agent needs to settle a request it was working on: the request, and every order
 * it was about to send or sent, by tag. Saved to {@code NEO_INFLIGHT:<uid>} before each broker call
 * and after each answer, so a crash at any point leaves the tags to look for in the order book.
 */
public final class InFlightRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** State of one order: planned, about to be sent (or sent, answer lost), or its known end. */
    public enum State {
        /** Planned, not sent yet: a crash now leaves it unsent, and the settlement must say so. */
        PLANNED,
        SENDING,
        ACCEPTED,
        REJECTED,
        UNKNOWN
    }

    public record Entry(
            String tag,
            int leg,
            String tradingSymbol,
            String side,
            int quantity,
            State state,
            Optional<String> orderNumber) {}

    private final String id;
    private final RequestType type;
    private final String claimedAt;
    private final String agent;
    private final List<Entry> orders = new ArrayList<>();

    private InFlightRecord(String id, RequestType type, String claimedAt, String agent) {
        this.id = id;
        this.type = type;
        this.claimedAt = claimedAt;
        this.agent = agent;
    }

    /** @param agent the instance id of the agent working on it; its liveness lease protects the record */
    public static InFlightRecord of(ClaimedRequest request, String agent) {
        return new InFlightRecord(
                request.id().value(), request.type(), request.claimedAt().toString(), agent);
    }

    public String id() {
        return id;
    }

    public String agent() {
        return agent;
    }

    public String claimedAt() {
        return claimedAt;
    }

    public RequestType type() {
        return type;
    }

    public List<Entry> orders() {
        return List.copyOf(orders);
    }

    public synchronized void update(Entry entry) {
        orders.removeIf(existing -> existing.tag().equals(entry.tag()));
        orders.add(entry);
    }

    public synchronized String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("id", id)
                .put("type", type.name())
                .put("claimedAt", claimedAt)
                .put("agent", agent);
        ArrayNode list = node.putArray("orders");
        for (Entry entry : orders) {
            ObjectNode order = list.addObject()
                    .put("tag", entry.tag())
                    .put("leg", entry.leg())
                    .put("tsym", entry.tradingSymbol())
                    .put("side", entry.side())
                    .put("qty", entry.quantity())
                    .put("state", entry.state().name());
            entry.orderNumber().ifPresent(no -> order.put("order_no", no));
        }
        return node.toString();
    }

    /** Reads a stored record; a record that cannot be read yields an empty one with its id. */
    public static InFlightRecord parse(String id, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            InFlightRecord record = new InFlightRecord(
                    id,
                    RequestType.valueOf(node.path("type").asText()),
                    node.path("claimedAt").asText(""),
                    node.path("agent").asText(""));
            for (JsonNode order : node.path("orders")) {
                record.orders.add(new Entry(
                        order.path("tag").asText(),
                        order.path("leg").asInt(),
                        order.path("tsym").asText(),
                        order.path("side").asText(),
                        order.path("qty").asInt(),
                        State.valueOf(order.path("state").asText()),
                        order.hasNonNull("order_no")
                                ? Optional.of(order.get("order_no").asText())
                                : Optional.empty()));
            }
            return record;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("in-flight record " + id + " is unreadable", e);
        }
    }
}
