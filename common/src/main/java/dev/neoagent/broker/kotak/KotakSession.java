package dev.neoagent.broker.kotak;

import dev.neoagent.config.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A trading session from tradeApiValidate: the trade token ({@code Auth} header), the sid
 * ({@code Sid} header), the per-account {@code baseUrl} every post-login call goes to, the
 * {@code rtUrl} of the order-update feed when validate names one, and the SFeed market-data websocket URL
 * ({@code feedUrl}) when validate gives one (newer accounts do).
 */
record KotakSession(
        Secret token, Secret sid, String baseUrl, Optional<String> rtUrl, Instant createdAt, Optional<String> feedUrl) {
    /** The order-update feed's path on the session host when validate names no {@code rtUrl} (streams §B). */
    static final String ORDER_FEED_PATH = "/realtime";

    KotakSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(createdAt, "createdAt");
        feedUrl = feedUrl == null ? Optional.empty() : feedUrl;
        baseUrl = UrlJoin.stripTrailingSlash(baseUrl);
        // an rtUrl we could not connect to is no better than none: the documented default is used instead
        rtUrl = rtUrl == null
                ? Optional.empty()
                : rtUrl.filter(url -> websocketUrl(url).isPresent());
    }

    KotakSession(Secret token, Secret sid, String baseUrl, Instant createdAt) {
        this(token, sid, baseUrl, Optional.empty(), createdAt, Optional.empty());
    }

    String url(String path) {
        return UrlJoin.join(baseUrl, path);
    }

    /**
     * Where the order-update feed listens: validate's {@code rtUrl}, else {@code /realtime} on the baseUrl's host
     * (its path prefix dropped, as Kotak's v3 SDK does); https becomes wss and http (a fake) ws.
     */
    String orderFeedUrl() {
        if (rtUrl.isPresent()) {
            return websocketUrl(rtUrl.get()).orElseThrow(); // the constructor kept only a usable one
        }
        URI base = URI.create(baseUrl);
        String root = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        return websocketUrl(root + ORDER_FEED_PATH)
                .orElseThrow(() -> new IllegalStateException("session baseUrl is not an http(s) URL: " + root));
    }

    /** {@link WebSocketUrl#of} of the URL without surrounding blanks (validate's answer may carry some). */
    private static Optional<String> websocketUrl(String url) {
        return WebSocketUrl.of(url.strip());
    }
}
