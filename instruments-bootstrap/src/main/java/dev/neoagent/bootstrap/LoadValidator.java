package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import dev.neoagent.domain.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a parsed load may replace the live instruments. Every reason found is returned (not just the
 * first) so the operator sees the whole picture; an empty list means "publish". {@code --force} overrides all.
 *
 * <p>Refused:
 * <ul>
 *   <li>a file that is empty, has only a header, is truncated, or lacks a needed column;</li>
 *   <li>a selected underlying with no live index options (e.g. a day Kotak shipped an incomplete nse_fo);</li>
 *   <li>a cash file that yields no EQ/BE scrip;</li>
 *   <li>fewer options (or cash scrips) than {@value #MIN_SHARE_PERCENT}% of what the previous load recorded in
 *       NEO_INSTR_INFO: a sudden halving is far likelier a bad file than a real market change.</li>
 * </ul>
 */
final class LoadValidator {

    static final int MIN_SHARE_PERCENT = 50;

    private LoadValidator() {}

    static List<String> refusals(
            List<FileResult> files, InstrumentSet set, Selection selection, Optional<PreviousLoad> previous) {
        List<String> reasons = new ArrayList<>();
        boolean derivativesRead = false;
        boolean cashRead = false;
        for (FileResult file : files) {
            file.problem()
                    .ifPresent(p -> reasons.add(
                            InstrumentKeys.segmentCode(file.segment()) + " (" + file.location() + "): " + p));
            if (file.segment() == Segment.NSE_CM || file.segment() == Segment.BSE_CM) {
                cashRead = true;
            } else {
                derivativesRead = true;
            }
        }
        if (derivativesRead) {
            for (String underlying : selection.underlyings()) {
                if (set.optionCount(underlying) == 0) {
                    reasons.add("no live index options for " + underlying + " (expired contracts are left out,"
                            + " today is " + selection.today() + ")");
                }
            }
        }
        if (cashRead && set.equities().isEmpty()) {
            reasons.add("no EQ/BE cash scrips were loaded");
        }
        previous.ifPresent(p -> {
            tooSmall("options", set.options().size(), p.optCount(), p.loadedAt())
                    .ifPresent(reasons::add);
            tooSmall("cash scrips", set.equities().size(), p.eqCount(), p.loadedAt())
                    .ifPresent(reasons::add);
        });
        return List.copyOf(reasons);
    }

    private static Optional<String> tooSmall(String what, long now, OptionalLong before, String loadedAt) {
        if (before.isEmpty() || now * 100 >= before.getAsLong() * MIN_SHARE_PERCENT) {
            return Optional.empty();
        }
        return Optional.of("only " + now + " " + what + ", less than " + MIN_SHARE_PERCENT + "% of the previous load's "
                + before.getAsLong() + " (loaded at " + loadedAt + ")");
    }
}
