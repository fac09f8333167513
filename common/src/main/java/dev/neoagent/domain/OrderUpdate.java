package dev.neoagent.domain;

/**
 * One change of an order's state, as a broker's order-update feed reports it: the whole order as the order book
 * would show it, or, when the broker sends only a fragment (Kotak does: kotak-neo-api#131), the order number and its
 * new status, which the agent completes with one read of the order's history.
 */
public sealed interface OrderUpdate {
    BrokerOrderId orderId();

    OrderStatus status();

    /** The whole order. */
    record Full(Order order) implements OrderUpdate {
        public Full {
            Checks.nonNull(order, "order");
        }

        @Override
        public BrokerOrderId orderId() {
            return order.orderId();
        }

        @Override
        public OrderStatus status() {
            return order.status();
        }
    }

    /** Only the order number and the status text (and what that text means). */
    record Partial(BrokerOrderId orderId, OrderStatus status, String statusText) implements OrderUpdate {
        public Partial {
            Checks.nonNull(orderId, "order id");
            Checks.nonNull(status, "status");
            statusText = statusText == null ? "" : statusText;
        }
    }
}
