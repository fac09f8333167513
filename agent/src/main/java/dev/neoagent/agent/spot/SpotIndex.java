package dev.neoagent.agent.spot;

import dev.neoagent.contract.SpotKeys;
import dev.neoagent.domain.MarketIndex;
import dev.neoagent.domain.QuoteKey;
import java.util.Locale;
import java.util.Optional;

/** An index the spot poller keeps in Redis: its value and timestamp keys and what to ask the broker for. */
public enum SpotIndex {
    NIFTY("NIFTY", SpotKeys.NF_SPOT, SpotKeys.NF_SPOT_TS, QuoteKey.NIFTY_50),
    BANKNIFTY("BANKNIFTY", SpotKeys.BN_SPOT, SpotKeys.BN_SPOT_TS, QuoteKey.NIFTY_BANK);

    private final String underlying;
    private final String valueKey;
    private final String timestampKey;
    private final QuoteKey quoteKey;

    SpotIndex(String underlying, String valueKey, String timestampKey, QuoteKey quoteKey) {
        this.underlying = underlying;
        this.valueKey = valueKey;
        this.timestampKey = timestampKey;
        this.quoteKey = quoteKey;
    }

    /**
     * The index of an underlying as a level request names it ({@code LEVEL_CE_INDEX=NIFTY|BANKNIFTY}); case and
     * surrounding blanks are ignored. Empty for any other name, including null.
     */
    public static Optional<SpotIndex> forUnderlying(String underlying) {
        if (underlying == null) {
            return Optional.empty();
        }
        String name = underlying.strip().toUpperCase(Locale.ROOT);
        for (SpotIndex index : values()) {
            if (index.underlying.equals(name)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    /** The index a market-data feed names. */
    public static SpotIndex of(MarketIndex index) {
        return switch (index) {
            case NIFTY_50 -> NIFTY;
            case NIFTY_BANK -> BANKNIFTY;
        };
    }

    /** {@code NIFTY} or {@code BANKNIFTY}, as in the contract's {@code Index} fields. */
    public String underlying() {
        return underlying;
    }

    /** {@code NF_SPOT} / {@code BN_SPOT}. */
    public String valueKey() {
        return valueKey;
    }

    /** {@code NF_SPOT_TS} / {@code BN_SPOT_TS}. */
    public String timestampKey() {
        return timestampKey;
    }

    /** {@code nse_cm|Nifty 50} / {@code nse_cm|Nifty Bank}. */
    public QuoteKey quoteKey() {
        return quoteKey;
    }
}
