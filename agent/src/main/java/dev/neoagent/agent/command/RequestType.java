package dev.neoagent.agent.command;

import java.util.Optional;

/**
 * Every request a UI can write into a user's hash (redis-contract.md §2), with the field that flags
 * it, the literal values of that flag, where its payload is and which status field shows
 * "PROCESSING" while it runs. The declaration order is the order a worker serves flags it finds
 * set at the same time: logins first (orders need a session), then orders, then reports.
 */
public enum RequestType {
    NEO_LOGIN("NEO_LOGIN_REQUEST", null, "NEO_LOGIN_STATUS"),
    LOGIN("LOGIN", null, "LOGIN_STATUS"),
    CHECK_SESSION("CHECK_SESSION", null, "SESSION_STATUS"),
    PLACE_SINGLE("PLACE_SINGLE", "SINGLE_LEG", "STATUS_SINGLE"),
    PLACE_MULTI("PLACE_MULTI", "MULTI_LEGS", "STATUS_MULTI"),
    PLACE_EQUITY("PLACE_EQUITY", "EQUITY_ORDER", "STATUS_EQUITY"),
    /** The existing UI flags a square-off through its status field, upper case. */
    SQUAREOFF("SQUAREOFF_STATUS", "REQUESTED", "PROCESSING", "SQUAREOFF_REQUEST", null),
    SQUAREOFF_ALL("SQUAREOFF_ALL", null, "SQUAREOFF_STATUS"),
    BALANCE("BALANCE", null, null),
    POSITION("POSITION", null, null),
    ORDERBOOK("ORDERBOOK", null, null),
    TRADEBOOK("TRADEBOOK", null, null),
    HOLDINGS("HOLDINGS", null, null),
    /**
     * An armed breakout level (redis-contract.md §2.3). Not claimed by its flag like the others: the
     * level engine fires it when the spot crosses, or when {@code PLACE_LEVEL_CE=requested}.
     */
    LEVEL_CE("LEVEL_CE_TRIGGER", "waiting", "triggered", "LEVEL_CE", "STATUS_LEVEL_CE"),
    /** An armed breakdown level; see {@link #LEVEL_CE}. */
    LEVEL_PE("LEVEL_PE_TRIGGER", "waiting", "triggered", "LEVEL_PE", "STATUS_LEVEL_PE");

    private final String flagField;
    private final String requestedValue;
    private final String processingValue;
    private final String payloadField;
    private final String statusField;

    RequestType(String flagField, String payloadField, String statusField) {
        this(flagField, "requested", "processing", payloadField, statusField);
    }

    RequestType(String flagField, String requestedValue, String processingValue, String payloadField,
                String statusField) {
        this.flagField = flagField;
        this.requestedValue = requestedValue;
        this.processingValue = processingValue;
        this.payloadField = payloadField;
        this.statusField = statusField;
    }

    public String flagField() {
        return flagField;
    }

    public String requestedValue() {
        return requestedValue;
    }

    public String processingValue() {
        return processingValue;
    }

    public Optional<String> payloadField() {
        return Optional.ofNullable(payloadField);
    }

    /** The status field set to PROCESSING at claim time, if the request has one besides its flag. */
    public Optional<String> statusField() {
        return Optional.ofNullable(statusField);
    }

    /** Requests claimed when their flag reads "requested"; levels are fired by the level engine instead. */
    public boolean claimedByFlag() {
        return this != LEVEL_CE && this != LEVEL_PE;
    }

    /** Requests that can send orders; the kill switches deny these and only these. */
    public boolean placesOrders() {
        return switch (this) {
            case PLACE_SINGLE, PLACE_MULTI, PLACE_EQUITY, SQUAREOFF, SQUAREOFF_ALL, LEVEL_CE, LEVEL_PE -> true;
            case NEO_LOGIN, LOGIN, CHECK_SESSION, BALANCE, POSITION, ORDERBOOK, TRADEBOOK, HOLDINGS -> false;
        };
    }
}
