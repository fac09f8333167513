package dev.neoagent.domain;

/** How an order is priced. Stop orders carry a trigger price. */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_LIMIT,
    STOP_MARKET;

    public boolean needsPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean needsTrigger() {
        return this == STOP_LIMIT || this == STOP_MARKET;
    }
}
