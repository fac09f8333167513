package dev.neoagent.bootstrap;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to load: index options of these underlyings (exact {@code pSymbolName}, so NIFTY never matches FINNIFTY
 * or NIFTYNXT50) that have not expired by {@code today} (Asia/Kolkata), plus EQ/BE cash scrips.
 */
record Selection(Set<String> underlyings, LocalDate today) {

    /** Always loaded; {@code --underlyings} adds to these. */
    static final List<String> DEFAULT_UNDERLYINGS = List.of("NIFTY", "BANKNIFTY");

    Selection {
        Objects.requireNonNull(today, "today");
        if (underlyings == null || underlyings.isEmpty()) {
            throw new IllegalArgumentException("at least one underlying is needed");
        }
        for (String name : underlyings) {
            Contract.checkSymbolText(name, "underlying");
        }
        underlyings = Collections.unmodifiableSet(new LinkedHashSet<>(underlyings)); // keeps the given order
    }

    /** The defaults plus {@code extra}, in that order, without repeats. */
    static Set<String> withDefaults(List<String> extra) {
        Set<String> all = new LinkedHashSet<>(DEFAULT_UNDERLYINGS);
        all.addAll(extra);
        return all;
    }

    /** A contract expiring today still trades today; only earlier expiries are left out. */
    boolean expired(LocalDate expiry) {
        return expiry.isBefore(today);
    }
}
