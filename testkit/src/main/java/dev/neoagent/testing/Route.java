package dev.neoagent.testing;

/**
 * The endpoints the fake serves and where: login only on the login host, trade calls only under
 * the baseUrl prefix (so a client that drops the prefix — e.g. via {@code URI.resolve} — gets
 * 404), quotes and the scrip-master file list on both.
 */
enum Route {
    LOGIN("POST", "/login/1.0/tradeApiLogin", Scope.ROOT, false, false),
    VALIDATE("POST", "/login/1.0/tradeApiValidate", Scope.ROOT, false, false),
    QUOTES("GET", MarketApi.QUOTES_PATH, Scope.BOTH, true, false),
    FILE_PATHS("GET", MarketApi.FILE_PATHS_PATH, Scope.BOTH, false, false),
    SCRIP_FILE("GET", MarketApi.SCRIP_ROOT + "/", Scope.ROOT, true, false),
    PLACE("POST", "/quick/order/rule/ms/place", Scope.PREFIX, false, true),
    MODIFY("POST", "/quick/order/vr/modify", Scope.PREFIX, false, true),
    CANCEL("POST", "/quick/order/cancel", Scope.PREFIX, false, true),
    HISTORY("POST", "/quick/order/history", Scope.PREFIX, false, true),
    ORDER_BOOK("GET", "/quick/user/orders", Scope.PREFIX, false, true),
    TRADE_BOOK("GET", "/quick/user/trades", Scope.PREFIX, false, true),
    POSITIONS("GET", "/quick/user/positions", Scope.PREFIX, false, true),
    HOLDINGS("GET", "/portfolio/v1/holdings", Scope.PREFIX, false, true),
    LIMITS("POST", "/quick/user/limits", Scope.PREFIX, false, true);

    enum Scope {
        ROOT,
        PREFIX,
        BOTH
    }

    final String method;
    final String path;
    private final Scope scope;
    private final boolean pathIsPrefix;
    /** Needs a live trade session ({@code Auth} + {@code Sid}). */
    final boolean needsSession;

    Route(String method, String path, Scope scope, boolean pathIsPrefix, boolean needsSession) {
        this.method = method;
        this.path = path;
        this.scope = scope;
        this.pathIsPrefix = pathIsPrefix;
        this.needsSession = needsSession;
    }

    /**
     * @param path the request path with the baseUrl prefix already removed
     * @param prefixed whether the request carried the prefix
     * @return the route, or null (answer 404)
     */
    static Route find(String path, boolean prefixed) {
        for (Route route : values()) {
            boolean pathMatches = route.pathIsPrefix ? path.startsWith(route.path) : path.equals(route.path);
            boolean placeMatches = route.scope == Scope.BOTH || (route.scope == Scope.PREFIX) == prefixed;
            if (pathMatches && placeMatches) {
                return route;
            }
        }
        return null;
    }
}
