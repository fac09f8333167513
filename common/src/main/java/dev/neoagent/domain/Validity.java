package dev.neoagent.domain;

/** Order validity. Kotak accepts only DAY and IOC since 1 Apr 2026. */
public enum Validity {
    DAY,
    IOC
}
