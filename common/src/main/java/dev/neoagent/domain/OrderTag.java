package dev.neoagent.domain;

import java.util.regex.Pattern;

/**
 * Our own tag for an order, sent to Kotak as {@code ig} and echoed back as {@code GuiOrdId} in every
 * book. It is how a restarted agent finds out whether an order it was sending reached the broker.
 */
public record OrderTag(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

    public OrderTag {
        Checks.nonBlank(value, "order tag");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "order tag '" + value + "' must be 1-40 characters of A-Z a-z 0-9 _ . : -");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
