package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.neoagent.broker.BrokerAdapter;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.BrokerStats;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.config.Secret;
import dev.neoagent.domain.BrokerOrderId;
import dev.neoagent.domain.Holding;
import dev.neoagent.domain.Limits;
import dev.neoagent.domain.Order;
import dev.neoagent.domain.OrderAck;
import dev.neoagent.domain.OrderModification;
import dev.neoagent.domain.OrderRequest;
import dev.neoagent.domain.Position;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.ScripMasterFiles;
import dev.neoagent.domain.Trade;
import io.github.resilience4j.retry.Retry;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerAdapter} for one Kotak Neo account.
 *
 * <ul>
 *   <li>Logs in by itself (TOTP generated from the stored secret, then MPIN) when a call needs a
 *       session and none is held.</li>
 *   <li>A session-expired answer leads to one re-login and one repeat of the call. For an order
 *       mutation that is safe because such an answer (code 1003/100022, or HTTP 401/403 without a
 *       business code) is the gateway refusing the request before it reaches the order system.</li>
 *   <li>Idempotent reads are retried a bounded number of times on transient failures; order
 *       mutations are never retried otherwise.</li>
 *   <li>All calls of the account share one {@link RateLimiter}.</li>
 *   <li>{@link #marketFeed} is the SFeed websocket ({@link KotakMarketFeed}), on the same session.</li>
 * </ul>
 */
public final class KotakNeoAdapter implements BrokerAdapter {
    private static final Logger log = LoggerFactory.getLogger(KotakNeoAdapter.class);
    private static final String QUOTE_FILTER = "all";

    private final String account;
    private final String ucc;
    private final KotakSettings settings;
    private final KotakRestClient rest;
    private final Totp totp;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final Retry readRetry;
    private final KotakPublicApi publicApi;
    private final KotakScripMaster scripMaster;
    private final OkHttpClient ownedClient;
    /** The raw client (shared or owned): the feeds open their websockets on it. */
    private final OkHttpClient httpClient;

    private final List<BrokerFeed> feeds = new CopyOnWriteArrayList<>();
    /**
     * Held across a login's two HTTP calls, so one login serves every caller waiting for a session. A lock, not
     * {@code synchronized}: on Java 21 a virtual thread blocked in network I/O inside {@code synchronized} pins its
     * carrier, and two users logging in at once would then stall every other user's worker on a 2-core machine.
     */
    private final ReentrantLock loginLock = new ReentrantLock();

    private final AtomicLong logins = new AtomicLong();
    /**
     * {@link #forgetSession} calls so far: a login that sees this move while it runs does not keep its session. Read
     * and written, with {@link #session} when it changes with it, only under {@link #sessionSwap}, which is never
     * held across a call to Kotak.
     */
    private long forgets;

    private final Object sessionSwap = new Object();

    private final AtomicLong relogins = new AtomicLong();
    private volatile KotakSession session;

    private KotakNeoAdapter(
            KotakCredentials credentials,
            KotakSettings settings,
            OkHttpClient httpClient,
            boolean ownsClient,
            Clock clock) {
        this.account = credentials.account();
        this.ucc = credentials.ucc();
        this.settings = settings;
        this.httpClient = httpClient;
        this.clock = clock;
        this.totp = Totp.fromBase32(credentials.totpSecret());
        this.rateLimiter = new RateLimiter(settings.requestsPerSecond(), Duration.ofSeconds(1));
        KotakHttp http = new KotakHttp(httpClient, settings, rateLimiter, account);
        KotakErrorMapper errors = new KotakErrorMapper(wireJson());
        this.rest = new KotakRestClient(http, errors, credentials, settings);
        this.publicApi = new KotakPublicApi(http, errors, credentials.consumerKey());
        this.readRetry = KotakScripMaster.readRetry("kotak-read-" + account, settings);
        this.scripMaster = new KotakScripMaster(publicApi, this::consumerKeyBase, readRetry, null);
        this.ownedClient = ownsClient ? httpClient : null;
    }

    /** How Kotak's JSON is read: numbers exact (BigDecimal, long). */
    static ObjectMapper wireJson() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .build();
    }

    /** An adapter with its own HTTP client. */
    public static KotakNeoAdapter create(KotakCredentials credentials, KotakSettings settings) {
        return new KotakNeoAdapter(credentials, settings, newHttpClient(), true, Clock.systemUTC());
    }

    /**
     * An HTTP client to share between the adapters of one process. Idle connections are dropped
     * after 20 s, before typical server-side keep-alive timeouts close them: an order written to a
     * connection the server has just closed can only be reported as outcome-unknown.
     *
     * <p>Every connection a burst opened stays for the next one ({@link #MAX_IDLE_CONNECTIONS}): with OkHttp's
     * default of 5 idle connections, 20 users ordering at once had 15 orders wait for a new connection (a TCP and TLS
     * handshake with Kotak) at every burst.
     */
    public static OkHttpClient newHttpClient() {
        // Its calls are the feeds' websockets, each read for as long as it is open by the thread that connected it:
        // virtual threads, or every logged-in user would hold a platform thread here.
        Dispatcher dispatcher = new Dispatcher(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("kotak-feed-socket-", 0).factory()));
        dispatcher.setMaxRequests(MAX_OPEN_WEBSOCKETS);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 20, TimeUnit.SECONDS))
                .build();
    }

    /**
     * The dispatcher's limit of calls in progress, which only the feeds' websockets use: OkHttp reads an open
     * websocket inside its connect call, so each one holds a place for as long as it is open. OkHttp's default of 64
     * left the 64th and later users' order feeds waiting for ever, those users on order-book polling.
     */
    static final int MAX_OPEN_WEBSOCKETS = 100_000;

    /**
     * Idle connections kept by {@link #newHttpClient()}: as many as calls that ran at once (a burst of every user's
     * orders), up to a bound on sockets; the 20 s keep-alive, not this cap, is what closes them.
     */
    static final int MAX_IDLE_CONNECTIONS = 1024;

    /**
     * An adapter sharing {@code httpClient}'s connection pool and threads with other accounts
     * (one process serving many users); closing the adapter leaves the shared client open.
     */
    public static KotakNeoAdapter create(
            KotakCredentials credentials, KotakSettings settings, OkHttpClient httpClient, Clock clock) {
        return new KotakNeoAdapter(credentials, settings, httpClient, false, clock);
    }

    // ---- session ----

    @Override
    public void login() {
        loginLock.lock();
        try {
            loginKeeping();
        } finally {
            loginLock.unlock();
        }
    }

    @Override
    public boolean hasSession() {
        return session != null;
    }

    @Override
    public void forgetSession() {
        // Never waits for a login under way (the agent forgets a session on its housekeeping thread, which runs the
        // ownership rounds and must not wait for Kotak): that login sees the count move and keeps its session to
        // itself.
        synchronized (sessionSwap) {
            forgets++;
            session = null;
        }
    }

    /** Successful logins so far, including re-logins. */
    public long loginCount() {
        return logins.get();
    }

    /** Logins done because a session expired. */
    public long reloginCount() {
        return relogins.get();
    }

    /** Requests that had to wait for the account's rate limiter. */
    public long rateLimitWaits() {
        return rateLimiter.waitCount();
    }

    @Override
    public BrokerStats stats() {
        return new BrokerStats() {
            @Override
            public long relogins() {
                return reloginCount();
            }

            @Override
            public long rateLimitWaits() {
                return KotakNeoAdapter.this.rateLimitWaits();
            }
        };
    }

    private KotakSession freshSession() {
        JsonNode view = rest.totpLogin(totp.codeAt(clock.instant()));
        JsonNode trade =
                rest.validate(view.get("token").asText(), view.get("sid").asText());
        String baseUrl = KotakMapper.text(trade, "baseUrl")
                .orElseThrow(() ->
                        new BrokerException.UnexpectedResponse("MPIN validation answered without a baseUrl", null));
        KotakSession fresh = new KotakSession(
                Secret.of(trade.get("token").asText()),
                Secret.of(trade.get("sid").asText()),
                baseUrl,
                KotakMapper.text(trade, "rtUrl"),
                clock.instant(),
                KotakMapper.text(trade, "feedUrl"));
        logins.incrementAndGet();
        log.info(
                "[{}] logged in to Kotak Neo; session host {}",
                account,
                URI.create(fresh.baseUrl()).getHost());
        return fresh;
    }

    private KotakSession currentSession() {
        KotakSession current = session;
        if (current != null) {
            return current;
        }
        loginLock.lock();
        try {
            KotakSession now = session;
            return now != null ? now : loginKeeping();
        } finally {
            loginLock.unlock();
        }
    }

    /**
     * Logs in (the caller holds {@link #loginLock}) and keeps the new session for every caller, unless
     * {@link #forgetSession} was called meanwhile: then only this caller gets it, for the call it is making.
     */
    private KotakSession loginKeeping() {
        long forgetsBefore;
        synchronized (sessionSwap) {
            forgetsBefore = forgets;
        }
        KotakSession fresh = freshSession();
        synchronized (sessionSwap) {
            if (forgets == forgetsBefore) {
                session = fresh;
            }
        }
        return fresh;
    }

    /** Logs in again unless another thread already replaced the expired session. */
    private KotakSession renew(KotakSession expired) {
        loginLock.lock();
        try {
            KotakSession now = session;
            if (now == expired || now == null) {
                relogins.incrementAndGet();
                return loginKeeping();
            }
            return now;
        } finally {
            loginLock.unlock();
        }
    }

    /** Runs a session call; on a session-expired answer logs in again once and repeats it once. */
    private <T> T withSession(Function<KotakSession, T> call) {
        KotakSession current = currentSession();
        try {
            return call.apply(current);
        } catch (BrokerException.SessionExpired expired) {
            log.info("[{}] {}; logging in again once", account, expired.getMessage());
            return call.apply(renew(current));
        }
    }

    private <T> T read(Function<KotakSession, T> call) {
        return Retry.decorateSupplier(readRetry, () -> withSession(call)).get();
    }

    /** Quotes and the scrip master need only the consumer key: use the session host when there is one. */
    private String consumerKeyBase() {
        KotakSession current = session;
        return current != null ? current.baseUrl() : settings.loginBase();
    }

    /**
     * The session as both feeds see it: the one the REST calls use, renewed the same way (package-private: tests
     * wrap it).
     */
    FeedSessions feedSessions() {
        return new FeedSessions() {
            @Override
            public KotakSession current() {
                return currentSession();
            }

            @Override
            public Optional<KotakSession> existing() {
                return Optional.ofNullable(session);
            }

            @Override
            public KotakSession renew(KotakSession refused) {
                return KotakNeoAdapter.this.renew(refused);
            }
        };
    }

    // ---- order-update feed ----

    /** The account's order-update feed with the default timing; see {@link #orderFeed(OrderFeedListener, OrderFeedSettings)}. */
    @Override
    public Optional<BrokerFeed> orderFeed(OrderFeedListener listener) {
        return Optional.of(orderFeed(listener, OrderFeedSettings.defaults()));
    }

    /**
     * The account's order-update feed, not started. It connects with this adapter's session (logging in when there
     * is none, and once more when the feed refuses the session) on this adapter's HTTP client; closing the adapter
     * closes it.
     */
    public KotakOrderFeed orderFeed(OrderFeedListener listener, OrderFeedSettings feedSettings) {
        KotakOrderFeed feed = new KotakOrderFeed(account, feedSessions(), listener, feedSettings, httpClient);
        feeds.add(feed);
        return feed;
    }

    // ---- market data feed ----

    /**
     * The SFeed market-data feed of the agent's indices on this account's session (it logs in when there is none,
     * and again once when the feed refuses the session); not started. It uses this adapter's HTTP client; closing the
     * adapter closes it first.
     */
    @Override
    public Optional<BrokerFeed> marketFeed(MarketFeedListener listener, MarketFeedOptions options) {
        return Optional.of(marketFeed(listener, options, FeedTimings.DEFAULT));
    }

    /** The same with its own clocks (tests shrink the backoff). */
    KotakMarketFeed marketFeed(MarketFeedListener listener, MarketFeedOptions options, FeedTimings timings) {
        KotakMarketFeed feed = new KotakMarketFeed(
                account, ucc, feedSessions(), settings.feedUrl(), httpClient, listener, options, timings, clock);
        feeds.add(feed);
        return feed;
    }

    // ---- orders: sent at most once ----

    @Override
    public OrderAck placeOrder(OrderRequest request) {
        JData body = KotakWire.place(request);
        JsonNode answer = withSession(s -> rest.place(s, body));
        return new OrderAck(KotakMapper.orderNumber(answer, "order " + request.tag()));
    }

    /**
     * Sent at most once, as {@link #placeOrder}: no answer after sending (timeout, dropped connection, a gateway's
     * bare 5xx) is {@link BrokerException.OutcomeUnknown}, settled from the order state, never by sending it again.
     * Kotak's 1021 (complete) and 1006 (cancelled, rejected, not found) are {@link BrokerException.Rejected} worded by
     * {@link KotakCodes#orderStateRefusal}.
     */
    @Override
    public OrderAck modifyOrder(OrderModification modification) {
        JData body = KotakWire.modify(modification);
        JsonNode answer = orderChange(() -> withSession(s -> rest.modify(s, body)));
        return new OrderAck(KotakMapper.orderNumber(answer, "modification of " + modification.orderId()));
    }

    /** Sent at most once; failures as {@link #modifyOrder}. */
    @Override
    public OrderAck cancelOrder(BrokerOrderId orderId) {
        JData body = KotakWire.cancel(orderId);
        JsonNode answer = orderChange(() -> withSession(s -> rest.cancel(s, body)));
        return new OrderAck(
                KotakMapper.text(answer, "nOrdNo").map(BrokerOrderId::new).orElse(orderId));
    }

    /** A modify or cancel call, its refusals because of the order's state reworded. */
    private static JsonNode orderChange(Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (BrokerException.Rejected refusal) {
            throw KotakMapper.orderChangeRefused(refusal);
        }
    }

    // ---- reads: bounded retries ----

    @Override
    public List<Order> orderBook() {
        return KotakMapper.orders(read(rest::orderBook));
    }

    @Override
    public List<Order> orderHistory(BrokerOrderId orderId) {
        return KotakMapper.orders(read(s -> rest.orderHistory(s, orderId.value())));
    }

    @Override
    public List<Trade> tradeBook() {
        return KotakMapper.trades(read(rest::tradeBook));
    }

    @Override
    public List<Position> positions() {
        return KotakMapper.positions(read(rest::positions));
    }

    @Override
    public List<Holding> holdings() {
        return KotakMapper.holdings(read(rest::holdings));
    }

    @Override
    public Limits limits() {
        return KotakMapper.limits(read(rest::limits));
    }

    @Override
    public List<Quote> quotes(List<QuoteKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> wireKeys = keys.stream().map(KotakCodes::quoteKey).toList();
        JsonNode answer = Retry.decorateSupplier(
                        readRetry, () -> publicApi.quotes(consumerKeyBase(), wireKeys, QUOTE_FILTER))
                .get();
        return KotakMapper.quotes(answer, keys);
    }

    @Override
    public ScripMasterFiles scripMasterFiles() {
        return scripMaster.scripMasterFiles();
    }

    @Override
    public InputStream openScripMaster(URI file) {
        return scripMaster.openScripMaster(file);
    }

    @Override
    public void close() {
        feeds.forEach(BrokerFeed::close); // before the client they run on
        session = null;
        if (ownedClient != null) {
            ownedClient.dispatcher().executorService().shutdown();
            ownedClient.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "KotakNeoAdapter[" + account + "]";
    }
}
