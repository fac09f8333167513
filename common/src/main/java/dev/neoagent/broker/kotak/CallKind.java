package dev.neoagent.broker.kotak;

/** What a failure of a call means depends on what the call was. */
enum CallKind {
    /** tradeApiLogin / tradeApiValidate: a refusal means wrong credentials, not an expired session. */
    LOGIN,
    /** Idempotent: books, limits, quotes, scrip master. Safe to retry. */
    READ,
    /** Place, modify, cancel: may change the account; never retried blindly. */
    MUTATION
}
