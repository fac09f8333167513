package dev.neoagent.domain;

/**
 * Our reading of Kotak's free-text order status ({@code ordSt}). The raw text is kept beside it on
 * {@link Order}; statuses we do not recognise map to {@link #OTHER} rather than failing a whole book.
 */
public enum OrderStatus {
    /** Received or being validated; not yet working at the exchange. */
    PENDING,
    OPEN,
    TRIGGER_PENDING,
    COMPLETE,
    CANCELLED,
    REJECTED,
    OTHER;

    public boolean isFinal() {
        return this == COMPLETE || this == CANCELLED || this == REJECTED;
    }

    public static OrderStatus fromBrokerText(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "put order req received", "validation pending", "open pending", "modify pending",
                 "modify validation pending", "cancel pending", "after market order req received" -> PENDING;
            case "open", "modified" -> OPEN;
            case "trigger pending" -> TRIGGER_PENDING;
            case "complete", "traded" -> COMPLETE;
            case "cancelled" -> CANCELLED;
            case "rejected" -> REJECTED;
            default -> OTHER;
        };
    }
}
