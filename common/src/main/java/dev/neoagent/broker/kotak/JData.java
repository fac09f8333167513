package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.neoagent.domain.Decimals;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Kotak's order/report body: {@code application/x-www-form-urlencoded} with a single field
 * {@code jData} whose value is a JSON object of strings. The JSON is written the way Kotak's
 * Python SDK writes it ({@code ", "} and {@code ": "} separators, insertion order, non-ASCII
 * escaped), then form-encoded with {@code +} for spaces.
 */
final class JData {
    private static final ObjectMapper ESCAPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final Map<String, String> fields = new LinkedHashMap<>();

    static JData of() {
        return new JData();
    }

    /** Adds a string field; {@code null} is written as JSON null (the server tolerates it). */
    JData put(String key, String value) {
        fields.put(key, value);
        return this;
    }

    JData put(String key, int value) {
        return put(key, Integer.toString(value));
    }

    JData putPrice(String key, BigDecimal value) {
        return put(key, price(value));
    }

    /** Prices as Kotak accepts them: plain, no trailing zeros, {@code "0"} never {@code "0.0"}. */
    static String price(BigDecimal value) {
        return Decimals.plain(value);
    }

    /** Printable ASCII without quote or backslash: nothing to escape. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    String json() {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        fields.forEach((key, value) -> out.add(quote(key) + ": " + (value == null ? "null" : quote(value))));
        return out.toString();
    }

    /** The complete form body: {@code jData=<url-encoded json>}. */
    String formBody() {
        return "jData=" + URLEncoder.encode(json(), StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        if (isPlain(text)) {
            return '"' + text + '"'; // the common case: symbols, codes, digits
        }
        try {
            return ESCAPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
    }
}
