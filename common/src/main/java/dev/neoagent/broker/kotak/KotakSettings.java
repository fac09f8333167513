package dev.neoagent.broker.kotak;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tunables of the Kotak client. Defaults follow Kotak's published limits (10 requests per second
 * per account) and keep a stuck broker from stalling a user for long.
 *
 * @param loginUrl           host of tradeApiLogin/tradeApiValidate, also used for quotes and the
 *                           scrip master before a session exists (what Kotak's own v3 SDK does)
 * @param readRetryAttempts  total attempts for an idempotent read (1 = no retry); orders never retry
 * @param feedUrl            the SFeed market-data websocket to use instead of the {@code feedUrl} login returns
 *                           ({@code https}/{@code wss}, or {@code http}/{@code ws} for a fake); empty means login's
 */
public record KotakSettings(
        URI loginUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int requestsPerSecond,
        int readRetryAttempts,
        Duration readRetryBackoff,
        Optional<URI> feedUrl) {

    public static final URI DEFAULT_LOGIN_URL = URI.create("https://mis.kotaksecurities.com");

    public static final Setting FEED_URL = new Setting(
            "NEO_FEED_URL",
            "--feed-url",
            "",
            "Kotak Neo market-data feed (SFeed) websocket URL, overriding the feedUrl login returns; "
                    + "empty means login's");

    /** Every Kotak setting read from the environment beyond {@link AgentConfig}'s, in help-text order. */
    public static final List<Setting> SETTINGS = List.of(FEED_URL);

    public KotakSettings {
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(readRetryBackoff, "readRetryBackoff");
        Objects.requireNonNull(feedUrl, "feedUrl (use Optional.empty())");
        feedUrl.ifPresent(KotakSettings::checkFeedUrl);
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1");
        }
        if (readRetryAttempts < 1) {
            throw new IllegalArgumentException("readRetryAttempts must be at least 1");
        }
    }

    public static KotakSettings defaults(URI loginUrl) {
        return new KotakSettings(
                loginUrl,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                10,
                3,
                Duration.ofMillis(300),
                Optional.empty());
    }

    /** Settings from the process configuration, with the default read-retry policy. */
    public static KotakSettings from(AgentConfig config) {
        return defaults(config.loginUrl())
                .withTimeouts(config.connectTimeout(), config.readTimeout())
                .withRequestsPerSecond(config.requestsPerSecond());
    }

    /**
     * Settings from the process configuration and the environment-style values it was read from (for
     * {@link #FEED_URL}), with the default read-retry policy.
     *
     * @throws ConfigException naming {@code NEO_FEED_URL} when it is not a websocket or http(s) URL
     */
    public static KotakSettings from(AgentConfig config, Map<String, String> values) {
        return from(config).withFeedUrl(readFeedUrl(new SettingsReader(values)));
    }

    public KotakSettings withRequestsPerSecond(int perSecond) {
        return new KotakSettings(
                loginUrl, connectTimeout, readTimeout, perSecond, readRetryAttempts, readRetryBackoff, feedUrl);
    }

    public KotakSettings withTimeouts(Duration connect, Duration read) {
        return new KotakSettings(
                loginUrl, connect, read, requestsPerSecond, readRetryAttempts, readRetryBackoff, feedUrl);
    }

    public KotakSettings withReadRetry(int attempts, Duration backoff) {
        return new KotakSettings(loginUrl, connectTimeout, readTimeout, requestsPerSecond, attempts, backoff, feedUrl);
    }

    /** The market-data feed URL to use whatever login returns; empty goes back to login's. */
    public KotakSettings withFeedUrl(Optional<URI> url) {
        return new KotakSettings(
                loginUrl, connectTimeout, readTimeout, requestsPerSecond, readRetryAttempts, readRetryBackoff, url);
    }

    private static Optional<URI> readFeedUrl(SettingsReader settings) {
        return settings.optional(FEED_URL).map(raw -> {
            try {
                return new URI(raw);
            } catch (URISyntaxException e) {
                throw SettingsReader.problem(FEED_URL, raw, "is not a valid URL");
            }
        });
    }

    private static void checkFeedUrl(URI url) {
        if (!WebSocketUrl.accepts(url.getScheme()) || url.getHost() == null) {
            throw ConfigException.setting(
                    FEED_URL.envVar(), url.toString(), "is not a wss://, https://, ws:// or http:// URL");
        }
    }

    /** The login URL as text without a trailing slash, ready for concatenation. */
    String loginBase() {
        return UrlJoin.stripTrailingSlash(loginUrl.toString());
    }
}
