package dev.neoagent.broker;

/**
 * A live connection to one of a broker's streams (market data, order updates). Once started it keeps itself
 * connected: it reconnects with backoff and jitter after a drop or a stall, logging in again when the session
 * expired, until closed. Its listener hears what arrives and whether the stream is up; while it is down, the agent
 * falls back to polling the broker's REST calls.
 */
public interface BrokerFeed extends AutoCloseable {
    /** Connects (in the background) and keeps connecting; returns at once. */
    void start();

    /** Whether the stream is connected and authenticated now. */
    boolean isConnected();

    /** Stops for good; the listener hears nothing more. */
    @Override
    void close();
}
