package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;

import java.time.LocalDate;
import java.util.Collection;

/**
 * The {@code NEO_INSTR_META} value exactly as the Redis contract shows it: Python {@code json.dumps} layout
 * ({@code ", "} and {@code ": "}), keys in the order tsym, seg, name, expiry, strike, opt, lot, tick, freeze;
 * strike and tick as strings, lot and freeze as numbers; cash rows without expiry, strike and opt.
 * Written by hand because the layout is part of the contract and this runs for every loaded row.
 */
final class MetaJson {

    private MetaJson() {
    }

    static String of(Contract contract) {
        StringBuilder json = new StringBuilder(160);
        json.append('{');
        string(json, "tsym", contract.tradingSymbol().value()).append(", ");
        string(json, "seg", contract.segment().code()).append(", ");
        string(json, "name", contract.name()).append(", ");
        if (contract instanceof OptionContract option) {
            string(json, "expiry", option.expiry().toString()).append(", ");
            string(json, "strike", InstrumentKeys.strikeText(option.strike())).append(", ");
            string(json, "opt", option.optionType().name()).append(", ");
        }
        number(json, "lot", contract.lotSize()).append(", ");
        string(json, "tick", contract.tick().toPlainString()).append(", ");
        number(json, "freeze", contract.freezeQty());
        return json.append('}').toString();
    }

    /** {@code ["2026-11-25", "2026-12-02"]}. */
    static String dateList(Collection<LocalDate> dates) {
        StringBuilder json = new StringBuilder(2 + dates.size() * 14);
        json.append('[');
        boolean first = true;
        for (LocalDate date : dates) {
            if (!first) {
                json.append(", ");
            }
            quote(json, date.toString());
            first = false;
        }
        return json.append(']').toString();
    }

    private static StringBuilder string(StringBuilder json, String key, String value) {
        quote(json, key).append(": ");
        return quote(json, value);
    }

    private static StringBuilder number(StringBuilder json, String key, long value) {
        return quote(json, key).append(": ").append(value);
    }

    /** A JSON string; escapes like Python's default (ensure_ascii), though real values are plain ASCII. */
    static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
