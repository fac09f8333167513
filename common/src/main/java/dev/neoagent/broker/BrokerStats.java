package dev.neoagent.broker;

/**
 * Counters a broker adapter keeps about its own work, read by the agent's metrics at each scrape. An adapter that
 * never re-logs in or waits (the paper broker) reports zeros, so every user has the same series from the start.
 */
public interface BrokerStats {
    /** No re-logins, no waits. */
    BrokerStats NONE = new BrokerStats() {
        @Override
        public long relogins() {
            return 0;
        }

        @Override
        public long rateLimitWaits() {
            return 0;
        }
    };

    /** Logins done because a session expired; only ever grows. */
    long relogins();

    /** Requests that had to wait for the account's rate limiter; only ever grows. */
    long rateLimitWaits();
}
