package dev.neoagent.contract;

/**
 * The values of request flags and answer status fields (redis-contract.md §2): what a UI writes to ask, what the
 * agent writes while it works and when it is done.
 */
public final class Flags {
    /** A flag asking for a request; the agent claims it by writing {@link #PROCESSING}. */
    public static final String REQUESTED = "requested";

    public static final String PROCESSING = "processing";
    /** A flag whose request was answered. */
    public static final String FETCHED = "fetched";
    /** A report flag whose file could not be written ({@code <FLAG>_MESSAGE} says why). */
    public static final String FAILED = "failed";
    /** The existing UI's square-off flag is its status field, upper case. */
    public static final String SQUAREOFF_REQUESTED = "REQUESTED";

    public static final String SQUAREOFF_PROCESSING = "PROCESSING";

    /** Status fields: the answer's state. */
    public static final String STATUS_PROCESSING = "PROCESSING";

    public static final String STATUS_SUCCESS = "SUCCESS";
    public static final String STATUS_FAILED = "FAILED";
    /** An order may have reached the broker and could not be confirmed either way. */
    public static final String STATUS_UNKNOWN = "UNKNOWN";
    /** A square-off that was carried out ({@code SQUAREOFF_STATUS}). */
    public static final String STATUS_DONE = "DONE";
    /** {@code NEO_LOGIN_STATUS}: logged in, or able to log in by itself. */
    public static final String LOGIN_READY = "READY";
    /** {@code SESSION_STATUS}. */
    public static final String SESSION_ACTIVE = "ACTIVE";

    public static final String SESSION_EXPIRED = "EXPIRED";

    /** A kill switch that is on ({@link AgentKeys#GLOBAL_HALT}, {@link AgentKeys#USER_HALT_FIELD}). */
    public static final String HALTED = "1";

    private Flags() {}
}
