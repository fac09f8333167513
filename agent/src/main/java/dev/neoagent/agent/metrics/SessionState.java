package dev.neoagent.agent.metrics;

/** A served user's broker session, as {@code /health} reports it. */
public enum SessionState {
    /** A session is held (it may still have expired at the broker; only the next call tells). */
    ACTIVE,
    /** Not logged in yet: the agent logs in when the first request needs a session. */
    NONE,
    /** The broker said the session expired and no new login has succeeded since. */
    EXPIRED,
    /** The last login attempt failed (wrong MPIN or TOTP secret, IP not allowed, broker down …). */
    FAILED
}
