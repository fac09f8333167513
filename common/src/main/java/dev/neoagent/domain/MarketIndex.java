package dev.neoagent.domain;

/**
 * The indices whose spot the agent keeps (redis-contract.md §1), by the names NSE publishes them under; each broker
 * maps them to its own keys.
 */
public enum MarketIndex {
    NIFTY_50("Nifty 50"),
    NIFTY_BANK("Nifty Bank");

    private final String exchangeName;

    MarketIndex(String exchangeName) {
        this.exchangeName = exchangeName;
    }

    /** NSE's name of the index ({@code Nifty 50}), for messages. */
    public String exchangeName() {
        return exchangeName;
    }
}
