package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the Kotak order-update feed ({@link KotakOrderFeed}). The defaults follow the reference
 * (kotak-neo-streams.md §B): websocket ping every 20 s (the v3 SDK's), a text heartbeat every 30 s (the v2 SDK's),
 * three seconds for the {@code ak} before the other handshake form is tried, reconnects from 1 s doubling to 30 s,
 * back to 1 s after a connection that stayed up a minute.
 *
 * @param ackTimeout        how long to wait for the {@code ak} to the {@code cn} handshake before trying the other form
 * @param pingInterval      websocket ping; a pong missing by the next ping fails the connection
 * @param heartbeatInterval the {@code {"type":"hb"}} text frame
 * @param firstRetryDelay   the first reconnect delay (before jitter), doubled per failed attempt
 * @param maxRetryDelay     the longest reconnect delay
 * @param healthyAfter      a connection up this long resets the reconnect delay to {@code firstRetryDelay}
 */
public record OrderFeedSettings(
        Duration ackTimeout,
        Duration pingInterval,
        Duration heartbeatInterval,
        Duration firstRetryDelay,
        Duration maxRetryDelay,
        Duration healthyAfter) {

    public OrderFeedSettings {
        positive(ackTimeout, "ackTimeout");
        positive(pingInterval, "pingInterval");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(firstRetryDelay, "firstRetryDelay");
        positive(maxRetryDelay, "maxRetryDelay");
        positive(healthyAfter, "healthyAfter");
        if (maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay must not be shorter than firstRetryDelay");
        }
    }

    public static OrderFeedSettings defaults() {
        return new OrderFeedSettings(
                Duration.ofSeconds(3),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1));
    }

    public OrderFeedSettings withAckTimeout(Duration timeout) {
        return new OrderFeedSettings(
                timeout, pingInterval, heartbeatInterval, firstRetryDelay, maxRetryDelay, healthyAfter);
    }

    public OrderFeedSettings withRetryDelays(Duration first, Duration max) {
        return new OrderFeedSettings(ackTimeout, pingInterval, heartbeatInterval, first, max, healthyAfter);
    }

    public OrderFeedSettings withHeartbeats(Duration ping, Duration heartbeat) {
        return new OrderFeedSettings(ackTimeout, ping, heartbeat, firstRetryDelay, maxRetryDelay, healthyAfter);
    }

    public OrderFeedSettings withHealthyAfter(Duration healthy) {
        return new OrderFeedSettings(
                ackTimeout, pingInterval, heartbeatInterval, firstRetryDelay, maxRetryDelay, healthy);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
