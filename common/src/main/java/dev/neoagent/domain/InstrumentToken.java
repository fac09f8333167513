package dev.neoagent.domain;

/** Scrip-master {@code pSymbol}: the numeric instrument token used in quotes, e.g. {@code 58801}. */
public record InstrumentToken(String value) {
    public InstrumentToken {
        Checks.nonBlank(value, "instrument token");
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("instrument token '" + value + "' is not numeric");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
