package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.config.Secret;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SFeed's JSON control plane ({@code kotak-neo-streams.md} §A1): the auth and subscribe frames the client sends,
 * and the replies it reads. The auth frame carries the sid: it is built here and handed straight to the socket,
 * never logged.
 */
final class SFeedControl {
    /** A text frame that is not JSON. */
    static final String NOT_JSON = "not_json";

    static final int AUTH_OK = 1119;
    static final int AUTH_OK_DOCUMENTED = 1117;
    static final int AUTH_FAILED = 1120;
    static final int SUBSCRIBE_ACK = 1109;

    /** The divider of an exchange the auth reply did not list (NSE, BSE and MCX use 100). */
    static final long DEFAULT_DIVIDER = 100;

    /** Exchange ids of the binary header by their names in the control plane. */
    static final Map<String, Integer> EXCHANGE_IDS = Map.of(
            "nse_cm", 1, "nse_fo", 2, "cde_fo", 3, "nse_com", 4, "bse_cm", 5, "bse_fo", 6, "bse_cd", 7, "bse_co", 8,
            "mcx_fo", 9, "ncd_co", 10);

    /** The build date the v3 SDK sends; the server may use it to pick a protocol variant. */
    private static final String SDK_DATE = "2026-08-07T09:41:17.667Z";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SFeedControl() {}

    /** A reply the server sent as text. */
    sealed interface Reply {
        /** 1119 (production) or 1117 (documented): authenticated; prices divide by these per exchange id. */
        record Authenticated(int code, Map<Integer, Long> dividers) implements Reply {}

        /** 1120: the user or the sid was refused; the server closes next. */
        record Refused() implements Reply {}

        /** An auth success downgraded to {@code format: native_fallback}, a format this client does not read. */
        record Downgraded() implements Reply {}

        /** 1109: a subscription acknowledged, with its {@code exchange|token} to trading-symbol map. */
        record SubscribeAck(Map<String, String> tradingSymbols) implements Reply {}

        /** Any other JSON (a code this client has no use for, or none). */
        record Other(String messageCode) implements Reply {}

        /** Not JSON at all. */
        record NotJson() implements Reply {}
    }

    /** The first frame of a connection: {@code user} = the UCC, {@code auth} = the trade sid (what the v3 SDK runs). */
    static String authFrame(String ucc, Secret sid, Instant now) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("user", ucc);
        frame.put("auth", sid.reveal());
        frame.put("format", "native_batch");
        frame.put("source", "NEOTRADEAPI");
        frame.put("platform", "Web");
        frame.put("version", "1.2.3");
        frame.put("sdk_version", 2);
        frame.put("sdk_date", SDK_DATE);
        frame.put("conn_req_time", now.toEpochMilli());
        frame.put("sessionValidation", false);
        return write(frame);
    }

    /** {@code {"event":"subscribeIndices","inputtoken":"nse_cm|Nifty 50,...","ack_symbol":true}}. */
    static String subscribeIndices(List<String> inputTokens) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", "subscribeIndices");
        frame.put("inputtoken", String.join(",", inputTokens));
        frame.put("ack_symbol", true);
        return write(frame);
    }

    static Reply read(String text) {
        JsonNode reply;
        try {
            reply = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Reply.NotJson();
        }
        if (reply == null || !reply.isObject()) {
            return new Reply.Other(null);
        }
        JsonNode code = reply.get("message_code");
        int value = code != null && code.canConvertToInt() ? code.asInt() : -1;
        if (code != null && code.isTextual()) {
            value = parseInt(code.asText());
        }
        return switch (value) {
            case AUTH_OK, AUTH_OK_DOCUMENTED ->
                "native_fallback".equals(reply.path("format").asText())
                        ? new Reply.Downgraded()
                        : new Reply.Authenticated(value, dividers(reply.path("exchanges")));
            case AUTH_FAILED -> new Reply.Refused();
            case SUBSCRIBE_ACK -> new Reply.SubscribeAck(tradingSymbols(reply));
            default -> new Reply.Other(code == null ? null : code.asText());
        };
    }

    /** {@code "nse_cm":{"value":1,"divider":100}}: the id from {@code value}, else from the name; bad dividers skipped. */
    private static Map<Integer, Long> dividers(JsonNode exchanges) {
        Map<Integer, Long> dividers = new HashMap<>();
        for (Map.Entry<String, JsonNode> exchange : exchanges.properties()) {
            JsonNode info = exchange.getValue();
            Integer id = info.path("value").canConvertToInt()
                    ? Integer.valueOf(info.path("value").asInt())
                    : EXCHANGE_IDS.get(exchange.getKey());
            long divider = info.path("divider").asLong(0);
            if (id != null && divider > 0) {
                dividers.put(id, divider);
            }
        }
        return Map.copyOf(dividers);
    }

    /**
     * Both shapes seen: {@code "trading_symbols":{"nse_cm|26000":"Nifty 50"}} (the v3 SDK) and
     * {@code "data":{"nse_cm|1333":{"trading_symbols":"HDFCBANK-EQ"}}} (a later write-up).
     */
    private static Map<String, String> tradingSymbols(JsonNode reply) {
        Map<String, String> symbols = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : reply.path("trading_symbols").properties()) {
            if (entry.getValue().isTextual()) {
                symbols.put(entry.getKey(), entry.getValue().asText());
            }
        }
        for (Map.Entry<String, JsonNode> entry : reply.path("data").properties()) {
            JsonNode symbol = entry.getValue().path("trading_symbols");
            if (symbol.isTextual()) {
                symbols.put(entry.getKey(), symbol.asText());
            }
        }
        return symbols;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String write(ObjectNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write an SFeed frame", e);
        }
    }
}
