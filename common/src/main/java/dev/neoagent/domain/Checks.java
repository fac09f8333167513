package dev.neoagent.domain;

import java.math.BigDecimal;
import java.util.Optional;

/** Argument checks shared by the validated records of this package. */
final class Checks {
    private Checks() {}

    static String nonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String what) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be greater than 0, was " + value);
        }
        return value;
    }

    static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
        return value;
    }

    /** A price exactly when the order type needs one, positive; likewise the trigger price. */
    static void pricesFitType(OrderType type, Optional<BigDecimal> price, Optional<BigDecimal> triggerPrice) {
        if (type.needsPrice()) {
            positive(price.orElse(null), "price of a " + type + " order");
        } else if (price.isPresent()) {
            throw new IllegalArgumentException("a " + type + " order takes no price");
        }
        if (type.needsTrigger()) {
            positive(triggerPrice.orElse(null), "trigger price of a " + type + " order");
        } else if (triggerPrice.isPresent()) {
            throw new IllegalArgumentException("a " + type + " order takes no trigger price");
        }
    }
}
