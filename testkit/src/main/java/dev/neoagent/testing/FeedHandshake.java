package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeOrderFeed.Form;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code cn} handshake frame of the order-update feed, read in either form: real JSON, or the v3 SDK's unquoted
 * {@code {type:cn,Authorization:<token>,Sid:<sid>,src:WEB}} (a JWT and a UUID contain neither ',' nor ':', so
 * splitting is enough).
 */
record FeedHandshake(Form form, String token, String sid) {

    /** The handshake in {@code text}, or null when the text is not a {@code cn} frame in either form. */
    static FeedHandshake parse(String text) {
        JsonNode json = Json.parseOrNull(text);
        if (json != null) {
            if (!json.isObject() || !"cn".equals(json.path("type").asText())) {
                return null;
            }
            return of(
                    Form.JSON,
                    json.path("Authorization").asText(null),
                    json.path("Sid").asText(null));
        }
        Map<String, String> raw = raw(text);
        if (raw == null || !"cn".equals(raw.get("type"))) {
            return null;
        }
        return of(Form.RAW, raw.get("Authorization"), raw.get("Sid"));
    }

    /** {@code {type:hb}} or {@code {"type":"hb"}}. */
    static boolean isHeartbeat(String text) {
        JsonNode json = Json.parseOrNull(text);
        if (json != null) {
            return "hb".equals(json.path("type").asText());
        }
        Map<String, String> raw = raw(text);
        return raw != null && "hb".equals(raw.get("type"));
    }

    private static FeedHandshake of(Form form, String token, String sid) {
        return token == null || sid == null ? null : new FeedHandshake(form, token, sid);
    }

    private static Map<String, String> raw(String text) {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : t.substring(1, t.length() - 1).split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return null;
            }
            fields.put(
                    pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return fields;
    }
}
