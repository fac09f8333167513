package dev.neoagent.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "}
 * separators, non-ASCII escaped), which is how the existing UI writes every JSON value and how Kotak's
 * Python SDK writes {@code jData}: the one writer of that layout, for a Jackson tree ({@link #write}) or
 * field by field ({@link #object()}, without building a tree, for the bootstrap's hot path).
 */
public final class PythonJson {
    private PythonJson() {}

    /** A JSON object written field by field, in the order the fields are added. */
    public static ObjectWriter object() {
        return new ObjectWriter();
    }

    /** {@code ["a", "b"]}. */
    public static String stringList(Iterable<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            if (out.length() > 1) {
                out.append(", ");
            }
            quote(value, out);
        }
        return out.append(']').toString();
    }

    /** Builds {@code {"key": value, ...}}; {@link #toString()} gives the JSON. */
    public static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder(128).append('{');

        private ObjectWriter() {}

        /** A string value; {@code null} is written as JSON {@code null}. */
        public ObjectWriter string(String key, String value) {
            key(key);
            if (value == null) {
                out.append("null");
            } else {
                quote(value, out);
            }
            return this;
        }

        /** A Python int. */
        public ObjectWriter number(String key, long value) {
            key(key);
            out.append(value);
            return this;
        }

        /** A value already written as JSON (a number in a layout of its own, a nested list). */
        public ObjectWriter raw(String key, String json) {
            key(key);
            out.append(json);
            return this;
        }

        private void key(String key) {
            if (out.length() > 1) {
                out.append(", ");
            }
            quote(key, out);
            out.append(": ");
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }

    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(128);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            // properties() iterates in insertion order, like the fields() it replaces (deprecated in Jackson 2.19)
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                quote(field.getKey(), out);
                out.append(": ");
                write(field.getValue(), out);
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(node.asText(), out);
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toPlainString());
        } else {
            out.append(node.asText());
        }
    }

    /** A JSON string with Python's ensure_ascii escaping. */
    public static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
