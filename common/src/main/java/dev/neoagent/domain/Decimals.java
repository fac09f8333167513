package dev.neoagent.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** Numbers as the Redis contract, Kotak's jData and the CSVs write them: plain decimal text, never an exponent. */
public final class Decimals {
    private Decimals() {}

    /**
     * Trailing zeros stripped, never an exponent: Kotak's {@code 25980.3500} becomes {@code 25980.35},
     * {@code 26000.0000} becomes {@code 26000}, {@code 1E+3} becomes {@code 1000}.
     */
    public static String plain(BigDecimal value) {
        // stripTrailingZeros turns 26000 into 2.6E+4; toPlainString writes that as 26000 again
        return Objects.requireNonNull(value, "value").stripTrailingZeros().toPlainString();
    }
}
