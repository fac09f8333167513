package dev.neoagent.domain;

/** How an order is priced. Stop orders carry a trigger price. */
public enum OrderType {
    MARKET,
    LIMIT,
    /** Kotak's SL: a limit order that starts working once the last price reaches the trigger. */
    STOP_LIMIT,
    /**
     * Kotak's SL-M: a market order that starts working once the last price reaches the trigger. Kotak refuses it from
     * API sessions, so the agent never sends one: it sends an SL-M request as a {@link #STOP_LIMIT} whose limit is
     * {@link MarketProtection#stopLimit}. It still appears in books (orders placed in Kotak's app) and the paper
     * broker takes it.
     */
    STOP_MARKET;

    public boolean needsPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean needsTrigger() {
        return this == STOP_LIMIT || this == STOP_MARKET;
    }
}
