package dev.neoagent.domain;

/** The broker accepted an order request and gave it this number. Acceptance is not a fill. */
public record OrderAck(BrokerOrderId orderId) {
    public OrderAck {
        Checks.nonNull(orderId, "order id");
    }
}
