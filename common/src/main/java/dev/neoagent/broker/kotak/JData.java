package dev.neoagent.broker.kotak;

import dev.neoagent.domain.Decimals;
import dev.neoagent.json.PythonJson;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kotak's order/report body: {@code application/x-www-form-urlencoded} with a single field
 * {@code jData} whose value is a JSON object of strings. The JSON is written the way Kotak's
 * Python SDK writes it ({@code ", "} and {@code ": "} separators, insertion order, non-ASCII
 * escaped), then form-encoded with {@code +} for spaces.
 */
final class JData {
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

    String json() {
        PythonJson.ObjectWriter json = PythonJson.object();
        fields.forEach(json::string);
        return json.toString();
    }

    /** The complete form body: {@code jData=<url-encoded json>}. */
    String formBody() {
        return "jData=" + URLEncoder.encode(json(), StandardCharsets.UTF_8);
    }
}
