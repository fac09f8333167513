package dev.neoagent.agent.order;

/** How a request, or one order of it, ended (design.md habit 6). */
public enum Outcome {
    /** Done: every order accepted by the broker. */
    DONE,
    /** Refused by our own checks; nothing was sent. */
    DENIED,
    /** A definitive "no" from the broker (or, for one order, not sent because an earlier one failed). */
    REJECTED,
    /** May have reached the broker and could not be confirmed either way. */
    UNKNOWN,
    /** One order of a request that was deliberately not sent (a BUY leg before it failed). */
    NOT_SENT
}
