package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.Objects;

/**
 * The clocks of a Kotak websocket feed. Production uses {@link #DEFAULT}; tests shrink them.
 *
 * @param pingInterval     websocket ping interval; OkHttp fails the socket when a pong does not come back before the
 *                         next ping (the v3 SDK pings every 20 s; the server has no application heartbeat)
 * @param authTimeout      how long a new connection may take to be opened and authenticated before it is given up
 * @param initialBackoff   the first wait before reconnecting; doubles per failure in a row
 * @param maxBackoff       the longest wait before reconnecting
 * @param healthyAfter     a connection up this long resets the backoff
 * @param closeGrace       how long {@code close()} waits for the server to answer the close frame before cutting
 */
record FeedTimings(
        Duration pingInterval,
        Duration authTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration healthyAfter,
        Duration closeGrace) {

    static final FeedTimings DEFAULT = new FeedTimings(
            Duration.ofSeconds(20),
            Duration.ofSeconds(20),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofSeconds(2));

    FeedTimings {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(healthyAfter, "healthyAfter");
        Objects.requireNonNull(closeGrace, "closeGrace");
    }
}
