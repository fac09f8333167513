package dev.neoagent.broker.kotak;

import java.util.Optional;

/**
 * The trading session a feed authenticates with, from the adapter that owns it: the feeds and the account's REST
 * calls share one session, since a new login ends the previous one at Kotak. Both feeds take it; the adapter builds
 * it in one place.
 */
interface FeedSessions {
    /** The current session, logging in when there is none. */
    KotakSession current();

    /** The session if one is held; never logs in. */
    Optional<KotakSession> existing();

    /** Logs in again because the feed refused {@code refused}, unless another caller has already replaced it. */
    KotakSession renew(KotakSession refused);
}
