package dev.neoagent.broker.kotak;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns the URLs Kotak hands out (and {@code NEO_FEED_URL}) into websocket URLs, and so decides
 * which schemes a feed URL may have: {@code https} becomes {@code wss}, {@code http} (a fake server) {@code ws}, and
 * {@code wss} and {@code ws} stay.
 */
final class WebSocketUrl {
    private static final Map<String, String> SCHEMES = Map.of("https", "wss", "wss", "wss", "http", "ws", "ws", "ws");
    private static final String SEPARATOR = "://";

    private WebSocketUrl() {}

    /** Whether a URL with {@code scheme} (any case; null for none) can be made a websocket URL. */
    static boolean accepts(String scheme) {
        return scheme != null && SCHEMES.containsKey(scheme.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code url} as a websocket URL: its scheme mapped (and written in lower case), the rest as it is; empty when the
     * scheme is none of the four or nothing follows the {@code ://}. No trimming: callers strip what may be padded.
     */
    static Optional<String> of(String url) {
        int end = url.indexOf(SEPARATOR);
        if (end < 0) {
            return Optional.empty();
        }
        String scheme = SCHEMES.get(url.substring(0, end).toLowerCase(Locale.ROOT));
        String rest = url.substring(end + SEPARATOR.length());
        return scheme == null || rest.isEmpty() ? Optional.empty() : Optional.of(scheme + SEPARATOR + rest);
    }
}
