package dev.neoagent.domain;

import java.math.BigDecimal;

/** Funds of the account, in rupees. {@code available} is what the broker calls Net. */
public record Limits(
        BigDecimal available, BigDecimal marginUsed, BigDecimal collateralValue, BigDecimal payIn, BigDecimal payOut) {

    public Limits {
        Checks.nonNull(available, "available");
        Checks.nonNull(marginUsed, "margin used");
        Checks.nonNull(collateralValue, "collateral value");
        Checks.nonNull(payIn, "pay-in");
        Checks.nonNull(payOut, "pay-out");
    }
}
