package dev.neoagent.broker.kotak;

/**
 * Joins Kotak base URLs and paths by plain concatenation. Kotak's {@code baseUrl} may carry a
 * path prefix ({@code https://host/xyz}); {@code URI.resolve("/quick/...")} would drop it.
 */
final class UrlJoin {
    private UrlJoin() {}

    static String stripTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code join("https://h/xyz/", "/quick/order")} is {@code https://h/xyz/quick/order}. */
    static String join(String base, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        return stripTrailingSlash(base) + path;
    }
}
