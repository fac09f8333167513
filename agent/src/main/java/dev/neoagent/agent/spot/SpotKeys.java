package dev.neoagent.agent.spot;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The spot keys of the Redis contract ({@code shared/redis-contract.md} §1): plain strings written by the spot
 * poller, always a value and its timestamp together in one {@code MSET}.
 */
public final class SpotKeys {

    /** NIFTY 50 last value, plain decimal text ({@code 25980.35}). */
    public static final String NF_SPOT = "NF_SPOT";
    /** Epoch milliseconds of the quote behind {@link #NF_SPOT}. */
    public static final String NF_SPOT_TS = "NF_SPOT_TS";
    /** NIFTY BANK last value, plain decimal text. */
    public static final String BN_SPOT = "BN_SPOT";
    /** Epoch milliseconds of the quote behind {@link #BN_SPOT}. */
    public static final String BN_SPOT_TS = "BN_SPOT_TS";

    public static final List<String> ALL = List.of(NF_SPOT, NF_SPOT_TS, BN_SPOT, BN_SPOT_TS);

    private SpotKeys() {
    }

    /**
     * A value as the contract writes it: trailing zeros stripped, never an exponent. Kotak's {@code 25980.3500}
     * becomes {@code 25980.35}, {@code 26000.0000} becomes {@code 26000}.
     */
    public static String plainDecimal(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        BigDecimal stripped = value.stripTrailingZeros();
        // stripTrailingZeros turns 26000 into 2.6E+4 (negative scale); setScale(0) makes it 26000 again.
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
