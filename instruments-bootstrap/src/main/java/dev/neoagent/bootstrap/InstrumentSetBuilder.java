package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects the contracts the parser accepts and turns them into the hashes to publish, resolving repeats:
 * <ul>
 *   <li>the same contract twice (same lookup field, same token, same details): a harmless duplicate, kept once
 *       and reported;</li>
 *   <li>one lookup field ({@code NIFTY_2026-01-27_CE_26000}, {@code RELIANCE}) for different contracts, or one
 *       token for different contracts: a conflict. Nobody can tell which is right, so every row involved is
 *       rejected and the key is left out: an order for it is then refused instead of sent to a guess.</li>
 * </ul>
 * Holds only the loaded contracts (thousands), never whole files.
 */
final class InstrumentSetBuilder {

    /** Duplicates and conflicts kept for the report; all are counted. */
    static final int KEPT_DUPLICATES = 20;

    private record Candidate(Contract contract, long line) {
        String where() {
            return InstrumentKeys.segmentCode(contract.segment()) + " line " + line;
        }
    }

    private final List<Candidate> candidates = new ArrayList<>();

    void add(Contract contract, long line) {
        candidates.add(new Candidate(contract, line));
    }

    InstrumentSet build() {
        List<String> duplicates = new ArrayList<>();
        long duplicateRows = 0;
        List<Rejection> conflicts = new ArrayList<>();
        Set<Candidate> conflicted = new LinkedHashSet<>();

        // 1. one entry per lookup field
        Map<String, List<Candidate>> byLookup = group(candidates, c -> lookupKey(c.contract()));
        List<Candidate> unique = new ArrayList<>(byLookup.size());
        for (Map.Entry<String, List<Candidate>> entry : byLookup.entrySet()) {
            List<Candidate> same = entry.getValue();
            Candidate first = same.get(0);
            if (same.size() == 1) {
                unique.add(first);
            } else if (same.stream().allMatch(c -> c.contract().equals(first.contract()))) {
                duplicateRows += same.size() - 1;
                if (duplicates.size() < KEPT_DUPLICATES) {
                    duplicates.add(entry.getKey() + " repeated identically at " + wheres(same) + " (kept once)");
                }
                unique.add(first);
            } else {
                conflicted.addAll(same);
                conflicts.add(conflict(same, entry.getKey() + " names different contracts: " + describe(same)));
            }
        }

        // 2. one contract per token (identical rows were merged above, so any repeat here is a conflict)
        Map<String, List<Candidate>> byToken = group(unique, c -> c.contract().metaField());
        List<Contract> loaded = new ArrayList<>(unique.size());
        for (Map.Entry<String, List<Candidate>> entry : byToken.entrySet()) {
            List<Candidate> same = entry.getValue();
            if (same.size() == 1) {
                loaded.add(same.get(0).contract());
            } else {
                conflicted.addAll(same);
                conflicts.add(conflict(
                        same, "token " + entry.getKey() + " is given to different contracts: " + describe(same)));
            }
        }

        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> equities = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, TreeSet<LocalDate>> expiries = new TreeMap<>();
        for (Contract contract : loaded) {
            meta.put(contract.metaField(), contract.metaJson());
            switch (contract) {
                case OptionContract option -> {
                    options.put(option.lookupField(), option.token().value());
                    expiries.computeIfAbsent(option.name(), n -> new TreeSet<>())
                            .add(option.expiry());
                }
                case CashContract cash ->
                    equities.put(cash.lookupField(), cash.token().value());
            }
        }
        Map<String, List<LocalDate>> expiryLists = new LinkedHashMap<>();
        expiries.forEach((name, dates) -> expiryLists.put(name, List.copyOf(dates)));
        return new InstrumentSet(
                options,
                equities,
                meta,
                expiryLists,
                duplicateRows,
                duplicates,
                conflicted.size(),
                conflicts.size() > KEPT_DUPLICATES ? conflicts.subList(0, KEPT_DUPLICATES) : conflicts);
    }

    private static String lookupKey(Contract contract) {
        // options and cash scrips live in different hashes, so their fields never collide with each other
        return (contract instanceof OptionContract ? InstrumentKeys.INSTR_OPT : InstrumentKeys.INSTR_EQ) + " "
                + contract.lookupField();
    }

    private static Map<String, List<Candidate>> group(List<Candidate> all, Function<Candidate, String> key) {
        Map<String, List<Candidate>> groups = new LinkedHashMap<>(all.size() * 2);
        for (Candidate candidate : all) {
            groups.computeIfAbsent(key.apply(candidate), k -> new ArrayList<>(1))
                    .add(candidate);
        }
        return groups;
    }

    private static Rejection conflict(List<Candidate> same, String reason) {
        Candidate first = same.get(0);
        return new Rejection(
                InstrumentKeys.segmentCode(first.contract().segment()), first.line(), reason + " (all left out)");
    }

    private static String wheres(List<Candidate> same) {
        return same.stream().map(Candidate::where).collect(Collectors.joining(", "));
    }

    private static String describe(List<Candidate> same) {
        return same.stream()
                .map(c -> c.where() + " token " + c.contract().token() + " "
                        + c.contract().tradingSymbol())
                .collect(Collectors.joining(", "));
    }
}
