package dev.neoagent.bootstrap;

import dev.neoagent.instruments.ExpiryList;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instrument hashes of one load, ready to publish, plus what duplicate resolution found.
 *
 * @param options        NEO_INSTR_OPT: {@code NIFTY_2026-01-27_CE_26000} → token
 * @param equities       NEO_INSTR_EQ: {@code RELIANCE} → token
 * @param meta           NEO_INSTR_META: {@code nse_fo|58801} → contract JSON
 * @param expiries       underlying → its loaded option expiries, ascending
 * @param duplicateRows  rows dropped because an identical row was already loaded
 * @param duplicates     the first few of them, described
 * @param conflictRows   rows rejected because they disagree with another row about a key or token
 * @param conflicts      the first few conflicts
 */
record InstrumentSet(
        Map<String, String> options,
        Map<String, String> equities,
        Map<String, String> meta,
        Map<String, List<LocalDate>> expiries,
        long duplicateRows,
        List<String> duplicates,
        long conflictRows,
        List<Rejection> conflicts) {

    InstrumentSet {
        // insertion order (file order) is kept so dumps and reports read naturally
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        equities = Collections.unmodifiableMap(new LinkedHashMap<>(equities));
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        expiries = Collections.unmodifiableMap(new LinkedHashMap<>(expiries));
        duplicates = List.copyOf(duplicates);
        conflicts = List.copyOf(conflicts);
    }

    /** Options loaded for one underlying. */
    long optionCount(String underlying) {
        String prefix = underlying + "_";
        return options.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** NEO_INSTR_EXPIRIES: underlying → {@code ["2026-01-13", "2026-01-27"]}. */
    Map<String, String> expiryHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        expiries.forEach((name, dates) -> hash.put(name, ExpiryList.write(dates)));
        return hash;
    }
}
