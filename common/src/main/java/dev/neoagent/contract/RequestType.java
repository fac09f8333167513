package dev.neoagent.contract;

import java.util.Optional;

/**
 * Every request a UI can write into a user's hash (redis-contract.md §2), with the field that flags it, the
 * literal values of that flag, where its payload is, and the fields its answer is written to. The declaration
 * order is the order a worker serves flags it finds set at the same time: logins first (orders need a session),
 * then orders, then reports.
 */
public enum RequestType {
    NEO_LOGIN(flag("NEO_LOGIN_REQUEST").status("NEO_LOGIN_STATUS").message("NEO_LOGIN_MESSAGE")),
    LOGIN(flag("LOGIN").status("LOGIN_STATUS").message("LOGIN_MESSAGE")),
    CHECK_SESSION(flag("CHECK_SESSION").status("SESSION_STATUS").message("SESSION_MESSAGE")),
    /**
     * Cancel every open order, then square off every open position (redis-contract.md §2.8). Before the
     * placements: getting out comes first.
     */
    EXIT_ALL(flag("EXIT_ALL").status("STATUS_EXIT_ALL").message("MSG_EXIT_ALL").result("RESULT_EXIT_ALL")),
    /** Cancel one order, the open orders of one earlier request, or all open orders (§2.8). */
    CANCEL_ORDER(flag("CANCEL_ORDER")
            .payload("CANCEL_ORDER_REQ")
            .status("STATUS_CANCEL")
            .message("MSG_CANCEL")
            .result("RESULT_CANCEL")),
    PLACE_SINGLE(flag("PLACE_SINGLE")
            .payload("SINGLE_LEG")
            .status("STATUS_SINGLE")
            .message("MSG_SINGLE")
            .result("RESULT_SINGLE")),
    PLACE_MULTI(flag("PLACE_MULTI")
            .payload("MULTI_LEGS")
            .status("STATUS_MULTI")
            .message("MSG_MULTI")
            .result("RESULT_MULTI")),
    /** The existing UI's format puts the message into the status ({@code SUCCESS: Order Placed <no>}). */
    PLACE_EQUITY(
            flag("PLACE_EQUITY").payload("EQUITY_ORDER").status("STATUS_EQUITY").result("RESULT_EQUITY")),
    /** The existing UI flags a square-off through its status field, upper case: the flag is the status. */
    SQUAREOFF(flag("SQUAREOFF_STATUS")
            .values(Flags.SQUAREOFF_REQUESTED, Flags.SQUAREOFF_PROCESSING)
            .payload("SQUAREOFF_REQUEST")
            .message("SQUAREOFF_MESSAGE")
            .result("RESULT_SQUAREOFF")),
    SQUAREOFF_ALL(flag("SQUAREOFF_ALL")
            .status("SQUAREOFF_STATUS")
            .message("SQUAREOFF_MESSAGE")
            .result("RESULT_SQUAREOFF")),
    /**
     * An OI crossover order (redis-contract.md §2.9): asked by the external order engine with
     * {@code PLACE_OI_CROSSOVER=requested}, or traded by the agent's own OI engine from {@code NIFTY_OI_SIGNAL}.
     * Answers in the UI's OI-tab fields; {@code RESULT_OI_CROSSOVER} is the agent's own addition.
     */
    OI_CROSSOVER(flag("PLACE_OI_CROSSOVER")
            .payload("OI_CROSSOVER_ORDER")
            .status("STATUS_OI_CROSSOVER")
            .message("MSG_OI_CROSSOVER")
            .result("RESULT_OI_CROSSOVER")),
    /** The same for BANKNIFTY. */
    BN_OI_CROSSOVER(flag("PLACE_BN_OI_CROSSOVER")
            .payload("BN_OI_CROSSOVER_ORDER")
            .status("STATUS_BN_OI_CROSSOVER")
            .message("MSG_BN_OI_CROSSOVER")
            .result("RESULT_BN_OI_CROSSOVER")),
    /** Change the price, quantity, trigger or type of an open order (§2.8). */
    MODIFY_ORDER(flag("MODIFY_ORDER")
            .payload("MODIFY_ORDER_REQ")
            .status("STATUS_MODIFY")
            .message("MSG_MODIFY")
            .result("RESULT_MODIFY")),
    BALANCE(report("BALANCE")),
    POSITION(report("POSITION")),
    ORDERBOOK(report("ORDERBOOK")),
    TRADEBOOK(report("TRADEBOOK")),
    HOLDINGS(report("HOLDINGS")),
    /**
     * An armed breakout level (redis-contract.md §2.3). Not claimed by its flag like the others: the level engine
     * fires it when the spot crosses, or when {@code PLACE_LEVEL_CE=requested}. Field names: {@link LevelSide}.
     */
    LEVEL_CE(level(LevelSide.CE)),
    /** An armed breakdown level; see {@link #LEVEL_CE}. */
    LEVEL_PE(level(LevelSide.PE));

    private final Fields fields;

    RequestType(Fields fields) {
        this.fields = fields;
    }

    public String flagField() {
        return fields.flag;
    }

    /** The flag's value that asks for the request ({@code requested}, {@code REQUESTED}, {@code waiting}). */
    public String requestedValue() {
        return fields.requested;
    }

    /** The flag's value while the agent serves it ({@code processing}, {@code PROCESSING}, {@code triggered}). */
    public String processingValue() {
        return fields.processing;
    }

    public Optional<String> payloadField() {
        return Optional.ofNullable(fields.payload);
    }

    /** The status field set to PROCESSING at claim time, if the request has one besides its flag. */
    public Optional<String> statusField() {
        return Optional.ofNullable(fields.status);
    }

    /** Where the answer's human text goes, if the request has such a field. */
    public Optional<String> messageField() {
        return Optional.ofNullable(fields.message);
    }

    /** Where the answer's JSON for programs goes ({@code RESULT_*}), for order requests. */
    public Optional<String> resultField() {
        return Optional.ofNullable(fields.result);
    }

    /** A report's {@code <FLAG>_AT}: when its file was last written. */
    public Optional<String> reportTimeField() {
        return isReport() ? Optional.of(fields.flag + "_AT") : Optional.empty();
    }

    /** A report's {@code <FLAG>_MESSAGE}: why its file could not be written. */
    public Optional<String> reportFailureField() {
        return isReport() ? Optional.of(fields.flag + "_MESSAGE") : Optional.empty();
    }

    /** Requests answered with a CSV file under the user's folder (redis-contract.md §2.6). */
    public boolean isReport() {
        return fields.report;
    }

    /** Requests claimed when their flag reads "requested"; levels are fired by the level engine instead. */
    public boolean claimedByFlag() {
        return this != LEVEL_CE && this != LEVEL_PE;
    }

    /**
     * Requests that can send new orders: an interrupted one is settled from the order book by its tags. Square-offs
     * and exits place orders too, but only closing ones.
     */
    public boolean placesOrders() {
        return switch (this) {
            case PLACE_SINGLE,
                    PLACE_MULTI,
                    PLACE_EQUITY,
                    SQUAREOFF,
                    SQUAREOFF_ALL,
                    EXIT_ALL,
                    LEVEL_CE,
                    LEVEL_PE,
                    OI_CROSSOVER,
                    BN_OI_CROSSOVER -> true;
            case NEO_LOGIN,
                    LOGIN,
                    CHECK_SESSION,
                    CANCEL_ORDER,
                    MODIFY_ORDER,
                    BALANCE,
                    POSITION,
                    ORDERBOOK,
                    TRADEBOOK,
                    HOLDINGS -> false;
        };
    }

    /**
     * Requests that can open or add to a position: the kill switches ({@code TRADING_HALTED}, {@code NEO_HALT}) deny
     * these (redis-contract.md §2.10). Getting out — cancels, square-offs, {@link #EXIT_ALL} — always works; a modify
     * is denied only when it raises the quantity, which the dispatcher decides.
     */
    public boolean opensPositions() {
        return switch (this) {
            case PLACE_SINGLE, PLACE_MULTI, PLACE_EQUITY, LEVEL_CE, LEVEL_PE, OI_CROSSOVER, BN_OI_CROSSOVER -> true;
            case NEO_LOGIN,
                    LOGIN,
                    CHECK_SESSION,
                    EXIT_ALL,
                    CANCEL_ORDER,
                    SQUAREOFF,
                    SQUAREOFF_ALL,
                    MODIFY_ORDER,
                    BALANCE,
                    POSITION,
                    ORDERBOOK,
                    TRADEBOOK,
                    HOLDINGS -> false;
        };
    }

    /** Requests that change or cancel orders already placed (§2.8): their answers name order numbers. */
    public boolean managesOrders() {
        return this == MODIFY_ORDER || this == CANCEL_ORDER || this == EXIT_ALL;
    }

    private static Fields flag(String flag) {
        return new Fields(flag, Flags.REQUESTED, Flags.PROCESSING, null, null, null, null, false);
    }

    private static Fields report(String flag) {
        return new Fields(flag, Flags.REQUESTED, Flags.PROCESSING, null, null, null, null, true);
    }

    private static Fields level(LevelSide side) {
        return new Fields(
                side.triggerField(),
                LevelSide.WAITING,
                LevelSide.TRIGGERED,
                side.legsField(),
                side.statusField(),
                side.messageField(),
                side.resultField(),
                false);
    }

    /** The names of one request, built in the declarations above. */
    private record Fields(
            String flag,
            String requested,
            String processing,
            String payload,
            String status,
            String message,
            String result,
            boolean report) {
        Fields values(String newRequested, String newProcessing) {
            return new Fields(flag, newRequested, newProcessing, payload, status, message, result, report);
        }

        Fields payload(String field) {
            return new Fields(flag, requested, processing, field, status, message, result, report);
        }

        Fields status(String field) {
            return new Fields(flag, requested, processing, payload, field, message, result, report);
        }

        Fields message(String field) {
            return new Fields(flag, requested, processing, payload, status, field, result, report);
        }

        Fields result(String field) {
            return new Fields(flag, requested, processing, payload, status, message, field, report);
        }
    }
}
