package dev.neoagent.domain;

import java.util.Optional;

/** Call or put: {@code CE} or {@code PE}, exactly as the scrip master, the contract and the UI write them. */
public enum OptionType {
    CE,
    PE;

    /** The exact upper-case code; anything else (a future's {@code XX}, {@code ce}) is not an option side. */
    public static Optional<OptionType> fromCode(String code) {
        if ("CE".equals(code)) {
            return Optional.of(CE);
        }
        if ("PE".equals(code)) {
            return Optional.of(PE);
        }
        return Optional.empty();
    }
}
