package dev.neoagent.agent.oi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.json.PythonJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one open OI position of a user and index, kept in {@code NEO_OI_POSITION:<UID>} (field = index):
 * {@code {"direction": "BULLISH", "legs": [{"tsym": ..., "token": ..., "side": "SELL", "qty": 130, "order_no": ...,
 * "expiry": ..., "strike": ..., "opt": "PE"}], "order_nos": [...], "signal_ts": ..., "opened_at": ...}}.
 */
public record OiPosition(String direction, List<Leg> legs, String signalTs, Instant openedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sold option of the position. */
    public record Leg(
            String tsym,
            String token,
            String side,
            int qty,
            String orderNo,
            String expiry,
            String strike,
            String opt) {}

    public OiPosition {
        Objects.requireNonNull(direction, "direction");
        legs = List.copyOf(legs);
        Objects.requireNonNull(openedAt, "openedAt");
    }

    public String toJson() {
        PythonJson.ObjectWriter json = PythonJson.object().string("direction", direction);
        StringBuilder legsJson = new StringBuilder("[");
        for (Leg leg : legs) {
            if (legsJson.length() > 1) {
                legsJson.append(", ");
            }
            legsJson.append(PythonJson.object()
                    .string("tsym", leg.tsym())
                    .string("token", leg.token())
                    .string("side", leg.side())
                    .number("qty", leg.qty())
                    .string("order_no", leg.orderNo())
                    .string("expiry", leg.expiry())
                    .string("strike", leg.strike())
                    .string("opt", leg.opt())
                    .toString());
        }
        legsJson.append("]");
        StringBuilder orderNos = new StringBuilder("[");
        for (Leg leg : legs) {
            orderNos.append(orderNos.length() > 1 ? ", " : "")
                    .append('"')
                    .append(leg.orderNo())
                    .append('"');
        }
        orderNos.append("]");
        return json.raw("legs", legsJson.toString())
                .raw("order_nos", orderNos.toString())
                .string("signal_ts", signalTs)
                .string("opened_at", openedAt.toString())
                .toString();
    }

    /** Empty when the stored text is not a position this agent wrote (it is then left alone and reported). */
    public static Optional<OiPosition> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<Leg> legs = new ArrayList<>();
            for (JsonNode leg : node.path("legs")) {
                legs.add(new Leg(
                        leg.path("tsym").asText(),
                        leg.path("token").asText(),
                        leg.path("side").asText(),
                        leg.path("qty").asInt(),
                        leg.path("order_no").asText(),
                        leg.path("expiry").asText(),
                        leg.path("strike").asText(),
                        leg.path("opt").asText()));
            }
            String direction = node.path("direction").asText();
            if (direction.isEmpty() || legs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new OiPosition(
                    direction,
                    legs,
                    node.path("signal_ts").isNull()
                            ? null
                            : node.path("signal_ts").asText(null),
                    Instant.parse(node.path("opened_at").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
