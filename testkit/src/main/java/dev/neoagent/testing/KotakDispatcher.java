package dev.neoagent.testing;

import dev.neoagent.testing.Accounts.TradeAuth;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for every HTTP request: logs it, resolves the route, applies a pending fault,
 * checks the trade session and hands over to the API classes. Runs on MockWebServer's
 * per-connection threads; all state access happens under {@link KotakState#lock}. Delays are
 * applied by MockWebServer after the lock is released, so a slow call never blocks others.
 */
final class KotakDispatcher extends Dispatcher {
    /** Path prefix of the baseUrl handed out by validate (real accounts may have one too). */
    static final String PREFIX = "/gw/e43";

    private static final Logger LOG = LoggerFactory.getLogger(KotakDispatcher.class);

    private final KotakState state;
    private final LoginApi login;
    private final OrderApi orders;
    private final ReportApi reports;
    private final MarketApi market;
    private final FakeMarketFeed feed;

    KotakDispatcher(KotakState state, FakeMarketFeed feed) {
        this.state = state;
        this.login = new LoginApi(state);
        this.orders = new OrderApi(state);
        this.reports = new ReportApi(state);
        this.market = new MarketApi(state);
        this.feed = feed;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Instant now = Instant.now();
        RecordedCall call = RecordedCall.of(request, now);
        LOG.debug("{} {}{}", call.method(), call.path(), call.query() == null ? "" : "?" + call.query());
        synchronized (state.lock) {
            state.log.add(call);
            if (call.path().equals(FakeMarketFeed.PATH)) {
                return feed.upgrade(call);
            }
            return route(call, now);
        }
    }

    private MockResponse route(RecordedCall call, Instant now) {
        // The v2 SDK builds "baseUrl//script-details/..."; servers collapse the empty segment.
        String path = call.path().replaceAll("/{2,}", "/");
        if (state.feeds.servesPath(path)) {
            Fault fault = state.takeFault(path);
            if (fault instanceof Fault.Reply reply) {
                return Replies.raw(reply.status(), reply.contentType(), reply.body());
            }
            return state.feeds.upgrade(call);
        }
        boolean prefixed = path.startsWith(PREFIX + "/");
        String relative = prefixed ? path.substring(PREFIX.length()) : path;
        Route route = Route.find(relative, prefixed);
        if (route == null) {
            return Replies.notFound();
        }
        if (!route.method.equals(call.method())) {
            return Replies.methodNotAllowed();
        }
        Fault fault = state.takeFault(relative);
        if (fault instanceof Fault.Reply reply) {
            return Replies.raw(reply.status(), reply.contentType(), reply.body());
        }
        Fault.RmsReject rmsReject = fault instanceof Fault.RmsReject reject ? reject : null;
        MockResponse response = handle(route, relative, call, rmsReject, now);
        if (fault instanceof Fault.Delay delay) {
            response.setHeadersDelay(delay.delay().toMillis(), TimeUnit.MILLISECONDS);
        } else if (fault instanceof Fault.DisconnectAfterAccept) {
            // The request was executed above; the client just never hears about it.
            response.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
        return response;
    }

    private MockResponse handle(Route route, String path, RecordedCall call, Fault.RmsReject rmsReject, Instant now) {
        switch (route) {
            case LOGIN:
                return login.login(call, now);
            case VALIDATE:
                return login.validate(call, now);
            case QUOTES:
                return market.quotes(call, path);
            case FILE_PATHS:
                return market.filePaths(call, now);
            case SCRIP_FILE:
                return market.scripFile(path, now);
            default:
                break;
        }
        TradeAuth auth = state.accounts.checkTrade(call.header("Auth"), call.header("Sid"));
        if (auth.failure() != null) {
            return Replies.sessionInvalid(auth.failure());
        }
        return switch (route) {
            case PLACE -> orders.place(auth.account(), call.body(), rmsReject, now);
            case MODIFY -> orders.modify(auth.account(), call.body(), now);
            case CANCEL -> orders.cancel(auth.account(), call.body(), now);
            case HISTORY -> orders.history(auth.account(), call.body());
            case ORDER_BOOK -> reports.orderBook(auth.account());
            case TRADE_BOOK -> reports.tradeBook(auth.account());
            case POSITIONS -> reports.positions(auth.account());
            case HOLDINGS -> reports.holdings(auth.account());
            case LIMITS -> reports.limits(auth.account(), call.body(), now);
            default -> throw new IllegalStateException("unrouted " + route);
        };
    }
}
