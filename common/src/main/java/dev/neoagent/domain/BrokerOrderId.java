package dev.neoagent.domain;

/** The broker's order number ({@code nOrdNo}), a numeric string such as {@code 250720000007242}. */
public record BrokerOrderId(String value) {
    public BrokerOrderId {
        Checks.nonBlank(value, "broker order id");
    }

    @Override
    public String toString() {
        return value;
    }
}
