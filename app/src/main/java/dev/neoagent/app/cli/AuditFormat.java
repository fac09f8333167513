package dev.neoagent.app.cli;

import io.lettuce.core.StreamMessage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One audit stream entry ({@code NEO_AUDIT:<uid>}) as one line for a person: time (IST, from the
 * stream id), event, command id, request type and the details that matter for that event. The
 * entries hold no secrets (the agent writes only domain values there), so nothing is masked.
 */
final class AuditFormat {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(IST);
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(IST);

    private AuditFormat() {
    }

    static String line(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        String event = body.getOrDefault("event", "?");
        return String.format("%s  %-11s %-14s %s", time(entry.getId(), TIME), event, body.getOrDefault("id", "-"),
                details(event, body));
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
            case "claimed" -> String.format("%-14s %s", body.getOrDefault("type", "?"), body.getOrDefault("payload", ""))
                    .strip();
            case "broker_call" -> brokerCall(body);
            case "answer" -> answer(body);
            case "reconciled" -> join(body.get("type"), "settled after agent " + body.get("previous_agent") + " stopped");
            default -> rest(body);
        };
    }

    /** {@code place_order BUY 65 NIFTY26JAN26000CE MARKET NRML -> DONE order 2601... (Order Placed: ...)}. */
    private static String brokerCall(Map<String, String> body) {
        StringBuilder text = new StringBuilder(join(body.get("call"), body.get("side"), body.get("qty"),
                body.get("tsym"), body.get("type"), body.containsKey("price") ? "@" + body.get("price") : null,
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
     * {@code PLACE_SINGLE  SUCCESS  Order Placed: ...}: the answer's status field ({@code STATUS_*},
     * {@code *_STATUS}, or a report's flag value) and its message field ({@code MSG_*}, {@code *_MESSAGE}).
     */
    static String answer(Map<String, String> body) {
        String type = body.getOrDefault("type", "?");
        String status = null;
        String message = null;
        String flag = null;
        for (Map.Entry<String, String> field : body.entrySet()) {
            String name = field.getKey();
            if (status == null && (name.startsWith("STATUS_") || name.endsWith("_STATUS"))) {
                status = field.getValue();
            } else if (message == null && (name.startsWith("MSG_") || name.endsWith("_MESSAGE"))) {
                message = field.getValue();
            } else if (name.equals(type)) {
                flag = field.getValue();
            }
        }
        StringBuilder text = new StringBuilder(String.format("%-14s %s", type,
                status != null ? status : flag != null ? flag : "?"));
        if (message != null && !message.isEmpty()) {
            text.append("  ").append(message);
        }
        String written = body.get("written");
        if (written != null && !written.equals("yes")) {
            text.append("  [answer not shown: ").append(written.replaceFirst("^no: ", "")).append(']');
        }
        return text.toString();
    }

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
