package dev.neoagent.contract;

import java.util.List;

/**
 * The spot keys of the Redis contract (redis-contract.md §1): plain strings, always a value and its timestamp
 * written together in one command.
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

    /** Where the current spot values come from: {@link #SOURCE_FEED} or {@link #SOURCE_REST}; written with them. */
    public static final String SOURCE = "NEO_SPOT_SOURCE";

    public static final String SOURCE_FEED = "feed";
    public static final String SOURCE_REST = "rest";

    public static final List<String> ALL = List.of(NF_SPOT, NF_SPOT_TS, BN_SPOT, BN_SPOT_TS);

    private SpotKeys() {}
}
