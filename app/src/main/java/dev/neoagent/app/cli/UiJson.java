package dev.neoagent.app.cli;

import dev.neoagent.domain.Decimals;
import dev.neoagent.json.PythonJson;
import java.math.BigDecimal;
import java.util.List;

/**
 * A JSON object written the way the existing UI writes its payloads: Python's {@code json.dumps}
 * layout ({@code ", "} and {@code ": "}), keys in the order added, ints as ints and floats as
 * Python prints them ({@code 120.0}, {@code 120.55}), so a request from the CLI is byte for byte
 * one the UI could have written.
 */
final class UiJson {
    private final PythonJson.ObjectWriter out = PythonJson.object();

    UiJson text(String key, String value) {
        out.string(key, value);
        return this;
    }

    /** A JSON boolean ({@code true}), as Python's {@code True} is dumped. */
    UiJson bool(String key, boolean value) {
        out.raw(key, Boolean.toString(value));
        return this;
    }

    /** A Python int ({@code 65}). */
    UiJson integer(String key, long value) {
        out.number(key, value);
        return this;
    }

    /** A Python float: {@code 120} is written {@code 120.0}, {@code 120.50} is {@code 120.5}. */
    UiJson decimal(String key, BigDecimal value) {
        out.raw(key, pythonFloat(value));
        return this;
    }

    /** An int when whole ({@code 26000}), else a float ({@code 26012.5}): how the UI's strike reads. */
    UiJson number(String key, BigDecimal value) {
        out.raw(key, Decimals.plain(value));
        return this;
    }

    String build() {
        return out.toString();
    }

    static String list(List<String> objects) {
        return "[" + String.join(", ", objects) + "]";
    }

    static String pythonFloat(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.setScale(1).toPlainString() : stripped.toPlainString();
    }
}
