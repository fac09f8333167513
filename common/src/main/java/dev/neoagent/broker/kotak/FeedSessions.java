package dev.neoagent.broker.kotak;

/**
 * The trading session a feed authenticates with, from the adapter that owns it: a feed and the account's REST calls
 * share one session, since a new login ends the previous one at Kotak.
 */
interface FeedSessions {
    /** The current session, logging in when there is none. */
    KotakSession current();

    /** Logs in again because the feed refused {@code refused}, unless another caller has already replaced it. */
    KotakSession renew(KotakSession refused);
}
