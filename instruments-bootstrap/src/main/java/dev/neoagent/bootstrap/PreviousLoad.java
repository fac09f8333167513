package dev.neoagent.bootstrap;

import dev.neoagent.contract.InstrumentKeys;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the last successful load recorded in {@code NEO_INSTR_INFO}, for the "far smaller than before" check.
 *
 * @param optCount options loaded then, if recorded
 * @param eqCount  cash scrips loaded then, if recorded
 * @param loadedAt when, as written (for messages)
 */
record PreviousLoad(OptionalLong optCount, OptionalLong eqCount, String loadedAt) {

    /** Empty when there is no previous load (first run, or the info hash was deleted). */
    static Optional<PreviousLoad> fromInfo(Map<String, String> info) {
        if (info == null || info.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PreviousLoad(
                count(info.get(InstrumentKeys.INFO_OPT_COUNT)),
                count(info.get(InstrumentKeys.INFO_EQ_COUNT)),
                info.getOrDefault(InstrumentKeys.INFO_LOADED_AT, "an unknown time")));
    }

    /** A count written by someone else may be missing or garbled: then there is nothing to compare with. */
    private static OptionalLong count(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value.strip());
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
