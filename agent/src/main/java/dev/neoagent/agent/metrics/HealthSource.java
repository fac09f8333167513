package dev.neoagent.agent.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /health} reports on, supplied by the running agent. Each method is called once per {@code /health}
 * request, on the HTTP server's thread: answer quickly (well under a second) and never block indefinitely.
 */
public interface HealthSource {

    /** Whether Redis answers now, e.g. a {@code PING} with a short timeout. */
    boolean redisReachable();

    /** Each served user's session, by user id. */
    Map<String, SessionState> sessions();

    /**
     * How old each index's spot value is (now minus its quote time, {@code NF_SPOT_TS} / {@code BN_SPOT_TS}), by
     * index name ({@code NIFTY}, {@code BANKNIFTY}); empty when there is no value.
     */
    Map<String, Optional<Duration>> spotAges();

    /** Whether the market is open now ({@code NEO_MARKET_HOURS}). */
    boolean marketOpen();

    /** Where the spot values come from now: {@code feed} or {@code rest}; empty when neither writes them. */
    Optional<String> spotSource();

    /** Whether the market-data feed is connected; empty when the agent has none (off, or not started). */
    Optional<Boolean> marketFeedConnected();
}
