package dev.neoagent.broker.kotak;

import dev.neoagent.config.AgentConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Kotak client. Defaults follow Kotak's published limits (10 requests per second
 * per account) and keep a stuck broker from stalling a user for long.
 *
 * @param loginUrl           host of tradeApiLogin/tradeApiValidate, also used for quotes and the
 *                           scrip master before a session exists (what Kotak's own v3 SDK does)
 * @param readRetryAttempts  total attempts for an idempotent read (1 = no retry); orders never retry
 */
public record KotakSettings(
        URI loginUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int requestsPerSecond,
        int readRetryAttempts,
        Duration readRetryBackoff) {

    public static final URI DEFAULT_LOGIN_URL = URI.create("https://mis.kotaksecurities.com");

    public KotakSettings {
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(readRetryBackoff, "readRetryBackoff");
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1");
        }
        if (readRetryAttempts < 1) {
            throw new IllegalArgumentException("readRetryAttempts must be at least 1");
        }
    }

    public static KotakSettings defaults(URI loginUrl) {
        return new KotakSettings(
                loginUrl, Duration.ofSeconds(5), Duration.ofSeconds(10), 10, 3, Duration.ofMillis(300));
    }

    /** Settings from the process configuration, with the default read-retry policy. */
    public static KotakSettings from(AgentConfig config) {
        return defaults(config.loginUrl())
                .withTimeouts(config.connectTimeout(), config.readTimeout())
                .withRequestsPerSecond(config.requestsPerSecond());
    }

    public KotakSettings withRequestsPerSecond(int perSecond) {
        return new KotakSettings(loginUrl, connectTimeout, readTimeout, perSecond, readRetryAttempts, readRetryBackoff);
    }

    public KotakSettings withTimeouts(Duration connect, Duration read) {
        return new KotakSettings(loginUrl, connect, read, requestsPerSecond, readRetryAttempts, readRetryBackoff);
    }

    public KotakSettings withReadRetry(int attempts, Duration backoff) {
        return new KotakSettings(loginUrl, connectTimeout, readTimeout, requestsPerSecond, attempts, backoff);
    }

    /** The login URL as text without a trailing slash, ready for concatenation. */
    String loginBase() {
        return UrlJoin.stripTrailingSlash(loginUrl.toString());
    }
}
