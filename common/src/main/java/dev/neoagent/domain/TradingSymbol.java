package dev.neoagent.domain;

/** Broker trading symbol as in the scrip master's {@code pTrdSymbol}, e.g. {@code RELIANCE-EQ}. */
public record TradingSymbol(String value) {
    public TradingSymbol {
        Checks.nonBlank(value, "trading symbol");
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("trading symbol '" + value + "' has surrounding spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
