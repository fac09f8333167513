package dev.neoagent.broker.kotak;

import dev.neoagent.config.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * A trading session from tradeApiValidate: the trade token ({@code Auth} header), the sid
 * ({@code Sid} header) and the per-account {@code baseUrl} every post-login call goes to.
 */
record KotakSession(Secret token, Secret sid, String baseUrl, Instant createdAt) {
    KotakSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(createdAt, "createdAt");
        baseUrl = UrlJoin.stripTrailingSlash(baseUrl);
    }

    String url(String path) {
        return UrlJoin.join(baseUrl, path);
    }
}
