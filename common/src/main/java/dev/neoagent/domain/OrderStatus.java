package dev.neoagent.domain;

/**
 * Where an order stands. A broker adapter reads its own status texts into this (Kotak's {@code ordSt}:
 * {@code KotakCodes.orderStatus}); the raw text is kept beside it on {@link Order}, and statuses not recognised
 * map to {@link #OTHER} rather than failing a whole book.
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
}
