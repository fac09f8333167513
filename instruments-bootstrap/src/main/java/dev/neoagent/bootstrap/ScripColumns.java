package dev.neoagent.bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/**
 * Positions of the columns the bootstrap reads, found by name in the header row. Kotak's header names carry
 * stray spaces ({@code "lExpiryDate "}, {@code "dPriceNum   "}) and a semicolon ({@code "dStrikePrice;"}), and
 * the column count changes (78, 79, and the 79th differs between files), so names are matched after trimming
 * spaces and dropping {@code ;}, never by position.
 */
final class ScripColumns {

    /** Whether a file holds derivatives (expiry, strike, option type) or cash rows (series). */
    enum Kind {
        DERIVATIVES,
        CASH
    }

    static final String TOKEN = "pSymbol";
    static final String GROUP = "pGroup";
    static final String SEGMENT = "pExchSeg";
    static final String INSTRUMENT_TYPE = "pInstType";
    static final String NAME = "pSymbolName";
    static final String TRADING_SYMBOL = "pTrdSymbol";
    static final String OPTION_TYPE = "pOptionType";
    static final String SCRIP_REF_KEY = "pScripRefKey";
    static final String TICK = "dTickSize";
    static final String LOT = "lLotSize";
    static final String EXPIRY = "lExpiryDate";
    static final String EXPIRY_COPY = "pExpiryDate";
    static final String STRIKE = "dStrikePrice";
    static final String FREEZE = "lFreezeQty";

    private static final List<String> DERIVATIVE_COLUMNS = List.of(
            TOKEN, SEGMENT, INSTRUMENT_TYPE, NAME, TRADING_SYMBOL, OPTION_TYPE, TICK, LOT, EXPIRY, STRIKE, FREEZE);
    private static final List<String> CASH_COLUMNS =
            List.of(TOKEN, GROUP, SEGMENT, NAME, TRADING_SYMBOL, TICK, LOT, FREEZE);
    /** Used for cross-checks when present; older files may lack them. */
    private static final List<String> OPTIONAL_COLUMNS = List.of(SCRIP_REF_KEY, EXPIRY_COPY);

    private final Map<String, Integer> positions;
    private final int width;

    private ScripColumns(Map<String, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    /**
     * Maps the header row.
     *
     * @throws IllegalArgumentException naming the missing or repeated columns
     */
    static ScripColumns of(CSVRecord header, Kind kind) {
        Map<String, Integer> all = new HashMap<>();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = normalise(header.get(i));
            if (all.putIfAbsent(name, i) != null) {
                repeated.add(name);
            }
        }
        List<String> wanted = kind == Kind.DERIVATIVES ? DERIVATIVE_COLUMNS : CASH_COLUMNS;
        List<String> missing = wanted.stream().filter(c -> !all.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "header lacks column(s) " + String.join(", ", missing) + " (it has " + header.size() + " columns)");
        }
        List<String> ambiguous = repeated.stream()
                .filter(c -> wanted.contains(c) || OPTIONAL_COLUMNS.contains(c))
                .distinct()
                .toList();
        if (!ambiguous.isEmpty()) {
            throw new IllegalArgumentException("header repeats column(s) " + String.join(", ", ambiguous));
        }
        Map<String, Integer> positions = new HashMap<>();
        for (String column : wanted) {
            positions.put(column, all.get(column));
        }
        for (String column : OPTIONAL_COLUMNS) {
            if (all.containsKey(column)) {
                positions.put(column, all.get(column));
            }
        }
        return new ScripColumns(Map.copyOf(positions), header.size());
    }

    /** {@code " lExpiryDate "} → {@code lExpiryDate}, {@code "dStrikePrice;"} → {@code dStrikePrice}. */
    static String normalise(String headerName) {
        String name = headerName.replace("\uFEFF", "").replace(";", "");
        return name.strip();
    }

    /** Index of a required column. */
    int position(String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalStateException("column " + column + " was not required for this file kind");
        }
        return position;
    }

    /** Index of an optional column, if the header has it. */
    Optional<Integer> optionalPosition(String column) {
        return Optional.ofNullable(positions.get(column));
    }

    /** Number of columns in the header; every data row must have exactly as many fields. */
    int width() {
        return width;
    }
}
