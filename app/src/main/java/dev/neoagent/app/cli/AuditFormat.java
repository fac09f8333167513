package dev.neoagent.app.cli;

import dev.neoagent.contract.RequestType;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One audit stream entry ({@code NEO_AUDIT:<uid>}) as one line for a person: time (IST, from the
 * stream id), event, command id, request type and the details that matter for that event. The
 * entries hold no secrets (the agent writes only domain values there), so nothing is masked.
 */
final class AuditFormat {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(IST);
    static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(IST);

    private AuditFormat() {}

    static String line(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        String event = body.getOrDefault("event", "?");
        return String.format(
                "%s  %-11s %-14s %s",
                time(entry.getId(), TIME), event, body.getOrDefault("id", "-"), details(event, body));
    }

    /** The answer part only, for {@code status}: {@code PLACE_SINGLE  SUCCESS  Order Placed: ...}. */
    static String answerLine(StreamMessage<String, String> entry) {
        return time(entry.getId(), SECONDS) + "  " + answer(entry.getBody());
    }

    /** The stream id's milliseconds are the time Redis took the entry. */
    static String time(String streamId, DateTimeFormatter format) {
        try {
            long millis = Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
            return format.format(Instant.ofEpochMilli(millis));
        } catch (RuntimeException e) {
            return streamId;
        }
    }

    private static String details(String event, Map<String, String> body) {
        return switch (event) {
            case "claimed" ->
                String.format("%-14s %s", body.getOrDefault("type", "?"), body.getOrDefault("payload", ""))
                        .strip();
            case "broker_call" -> brokerCall(body);
            case "answer" -> answer(body);
            case "reconciled" ->
                join(body.get("type"), "settled after agent " + body.get("previous_agent") + " stopped");
            default -> rest(body);
        };
    }

    /** {@code place_order BUY 65 NIFTY26JAN26000CE MARKET NRML -> DONE order 2601... (Order Placed: ...)}. */
    private static String brokerCall(Map<String, String> body) {
        StringBuilder text = new StringBuilder(join(
                body.get("call"),
                body.get("side"),
                body.get("qty"),
                body.get("tsym"),
                body.get("type"),
                body.containsKey("price") ? "@" + body.get("price") : null,
                body.get("product")));
        text.append(" -> ").append(body.getOrDefault("outcome", "?"));
        if (body.containsKey("order_no")) {
            text.append(" order ").append(body.get("order_no"));
        }
        if (body.containsKey("tag")) {
            text.append(" tag ").append(body.get("tag"));
        }
        if (body.containsKey("message")) {
            text.append(" (").append(body.get("message")).append(')');
        }
        return text.toString();
    }

    /**
     * {@code PLACE_SINGLE  SUCCESS  Order Placed: ...}: the answer's first status field (a login answers both
     * families; the agent's own comes first) or, for a report, its flag; and its first message field.
     */
    static String answer(Map<String, String> body) {
        String type = body.getOrDefault("type", "?");
        String status = first(body, STATUS_FIELDS).orElse(body.get(type));
        String message = first(body, MESSAGE_FIELDS).orElse(null);
        StringBuilder text = new StringBuilder(String.format("%-14s %s", type, status != null ? status : "?"));
        if (message != null && !message.isEmpty()) {
            text.append("  ").append(message);
        }
        String written = body.get("written");
        if (written != null && !written.equals("yes")) {
            text.append("  [answer not shown: ")
                    .append(written.replaceFirst("^no: ", ""))
                    .append(']');
        }
        return text.toString();
    }

    private static Optional<String> first(Map<String, String> body, Set<String> fields) {
        return body.entrySet().stream()
                .filter(field -> fields.contains(field.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Every answer status field; a square-off's flag is its status. */
    private static final Set<String> STATUS_FIELDS = Stream.concat(
                    Arrays.stream(RequestType.values()).flatMap(type -> type.statusField().stream()),
                    Stream.of(RequestType.SQUAREOFF.flagField()))
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> MESSAGE_FIELDS = Arrays.stream(RequestType.values())
            .flatMap(type -> type.messageField().or(type::reportFailureField).stream())
            .collect(Collectors.toUnmodifiableSet());

    private static String rest(Map<String, String> body) {
        StringJoiner text = new StringJoiner(" ");
        body.forEach((k, v) -> {
            if (!k.equals("event") && !k.equals("id")) {
                text.add(k + "=" + v);
            }
        });
        return text.toString();
    }

    private static String join(String... parts) {
        StringJoiner text = new StringJoiner(" ");
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                text.add(part);
            }
        }
        return text.toString();
    }
}
