package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/**
 * The {@code jData} form field of order/report POSTs. Kotak is strict: every value must be a JSON
 * string ({@code "qt":"65"}, never {@code "qt":65}); nulls are tolerated (the v2 SDK sends them for
 * unset optional keys).
 */
final class JData {
    /** Either the parsed object or the error to answer with. */
    record Parsed(ObjectNode json, MockResponse error) {
        boolean failed() {
            return error != null;
        }
    }

    private JData() {}

    static Parsed parse(String formBody) {
        String raw = Urls.formField(formBody, "jData");
        if (raw == null) {
            return fail("Invalid input parameters: jData is missing");
        }
        JsonNode node = Json.parseOrNull(raw);
        if (node == null || !node.isObject()) {
            return fail("Invalid input parameters: jData is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                return fail("Invalid input parameters: value of '" + field.getKey() + "' must be a string");
            }
        }
        return new Parsed((ObjectNode) node, null);
    }

    private static Parsed fail(String emsg) {
        return new Parsed(null, Replies.notOk(1002, emsg));
    }

    /** The string value of {@code key}, or null when absent, JSON null or empty. */
    static String text(ObjectNode json, String key) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        return value.asText();
    }

    /** Parses a decimal wire string; null when it is not a plain number. */
    static BigDecimal decimal(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses an integer wire string; null when it is not a whole number. */
    static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
