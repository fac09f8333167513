package dev.neoagent.broker.kotak;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.MarketFeedListener;
import dev.neoagent.broker.MarketFeedOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kotak's SFeed market-data websocket ({@code kotak-neo-streams.md} §A1, §E, §F) for the agent's indices: connects to
 * the configured {@code NEO_FEED_URL} or else the session's {@code feedUrl}, authenticates with the UCC and the
 * trade sid, subscribes to Nifty 50 and Nifty Bank, and hands every index tick to the listener.
 *
 * <p>It keeps itself up until {@link #close()}: a drop, a failed pong (OkHttp pings every 20 s), a connection that
 * never authenticates, or a data stall (no index tick for {@link MarketFeedOptions#stallTimeout()} while ticks are
 * expected: a connection can stay up and go silent) all lead to a reconnect with backoff and jitter, and every
 * reconnect authenticates and subscribes again (the server forgets subscriptions on close). A refused auth (1120)
 * means the session may have rolled over: the feed logs in again once for that refusal, then reconnects.
 * Malformed input is reported and skipped; the connection stays up.
 *
 * <p>Threads: everything that changes state runs on the feed's own single thread ({@code kotak-sfeed-<account>}, a
 * {@link FeedThread}), OkHttp's callbacks included (they hop onto it, {@link FeedSocket}), so the listener is called
 * from that one thread, in arrival order.
 * The sid goes into the auth frame and nowhere else: no log line or exception message carries it.
 */
public final class KotakMarketFeed implements BrokerFeed {
    private static final Logger log = LoggerFactory.getLogger(KotakMarketFeed.class);
    private static final Duration MAX_WATCH_PERIOD = Duration.ofSeconds(1);
    private static final Duration MIN_WATCH_PERIOD = Duration.ofMillis(10);

    private final String account;
    private final String ucc;
    private final FeedSessions sessions;
    private final Optional<URI> configuredUrl;
    private final OkHttpClient client;
    private final MarketFeedListener listener;
    private final MarketFeedOptions options;
    private final FeedTimings timings;
    private final Clock clock;
    private final FeedBackoff backoff;
    private final FeedThread loop;
    private final ListenerCalls calls;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final SFeedData data;
    /** A failing expectTicks supplier is logged once a minute. */
    private final LogThrottle logThrottle = LogThrottle.perMinute();

    private volatile boolean closed;
    private volatile boolean connected;

    // Touched on the feed's thread only.
    /** Volatile only so that {@link #close()} can read it once the thread has ended. */
    private volatile Connection current;

    private int attempts;
    private boolean everUp;
    private boolean toldNoUrl;
    private long lastTickNanos;

    KotakMarketFeed(
            String account,
            String ucc,
            FeedSessions sessions,
            Optional<URI> configuredUrl,
            OkHttpClient http,
            MarketFeedListener listener,
            MarketFeedOptions options,
            FeedTimings timings,
            Clock clock) {
        this.account = Objects.requireNonNull(account, "account");
        this.ucc = Objects.requireNonNull(ucc, "ucc");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.configuredUrl = Objects.requireNonNull(configuredUrl, "configuredUrl");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.options = Objects.requireNonNull(options, "options");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calls = new ListenerCalls(log, account, "market feed", () -> closed);
        this.data = new SFeedData(account, listener, calls::tell);
        this.client = FeedSocket.pinging(http, timings.pingInterval());
        this.backoff = new FeedBackoff(
                timings.initialBackoff(),
                timings.maxBackoff(),
                timings.healthyAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
        // A task that fails must not stop the feed; close() drops pending reconnects instead of running them.
        this.loop = new FeedThread(
                "kotak-sfeed-" + account, e -> log.error("[{}] market feed: unexpected failure", account, e));
    }

    @Override
    public void start() {
        if (closed) {
            throw new IllegalStateException("the market feed of " + account + " is closed");
        }
        if (started.compareAndSet(false, true)) {
            loop.execute(this::connect);
            loop.withFixedDelay(watchPeriod(), this::watch);
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    /** Stops reconnecting, closes the socket (cut after a short grace) and ends the feed's thread. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        connected = false;
        Connection last = loop.call(
                () -> {
                    Connection c = current;
                    current = null;
                    return c;
                },
                timings.closeGrace());
        if (last != null && last.socket != null) {
            last.socket.close(1000, "client closing");
            if (!await(last.ended, timings.closeGrace())) {
                last.socket.cancel();
            }
        }
        loop.shutDown(timings.closeGrace());
        // A connect that was still logging in when the grace above ran out may have left a socket behind.
        Connection straggler = current;
        if (straggler != null && straggler != last && straggler.socket != null) {
            straggler.socket.cancel();
        }
        log.info("[{}] market feed closed", account);
    }

    /** The last trade seen of {@code exchange|token} ({@code nse_fo}, 58801), if any. */
    Optional<SFeedData.LastTrade> lastTrade(String exchange, long token) {
        return data.lastTrade(exchange, token);
    }

    /**
     * The feed URL to connect to ({@link WebSocketUrl#of}): {@code https://} becomes {@code wss://} and {@code http://}
     * (a fake) {@code ws://}; ws URLs stay.
     *
     * @throws IllegalArgumentException for any other URL
     */
    static String webSocketUrl(String url) {
        return WebSocketUrl.of(url)
                .orElseThrow(() -> new IllegalArgumentException("not an http(s) or ws(s) URL: " + url));
    }

    // ---------------------------------------------------------------- connecting

    /**
     * One connection attempt. Whatever goes wrong before a connection exists is retried with backoff: a feed that
     * stopped trying after one unexpected failure would leave the spots to REST for the rest of the day.
     */
    private void connect() {
        try {
            tryConnect();
        } catch (RuntimeException e) {
            if (!closed) {
                retryLater("could not connect (" + e.getClass().getSimpleName() + ")", null);
            }
        }
    }

    private void tryConnect() {
        if (closed) {
            return;
        }
        KotakSession session;
        try {
            session = sessions.current();
        } catch (BrokerException e) {
            retryLater("cannot log in: " + e.getMessage(), null);
            return;
        }
        if (closed) {
            return; // closed while logging in
        }
        Optional<String> url = configuredUrl.map(URI::toString).or(session::feedUrl);
        if (url.isEmpty()) {
            if (!toldNoUrl) {
                toldNoUrl = true;
                log.warn(
                        "[{}] market feed cannot start: login gave no feedUrl and {} is not set; "
                                + "trying again with backoff (logged once)",
                        account,
                        KotakSettings.FEED_URL.envVar());
            }
            Duration delay = backoff.next();
            log.debug("[{}] market feed: still no feed URL; next look in {} ms", account, delay.toMillis());
            loop.schedule(delay, this::connect);
            return;
        }
        Request request;
        try {
            request = new Request.Builder().url(webSocketUrl(url.get())).build();
        } catch (IllegalArgumentException e) {
            retryLater("the feed URL is not usable: " + e.getMessage(), null);
            return;
        }
        Connection c = new Connection(++attempts, session, where(request));
        current = c;
        log.debug("[{}] market feed: connecting to {} (attempt {})", account, c.where, c.number);
        c.socket = client.newWebSocket(request, c);
    }

    private void opened(Connection c) {
        if (c != current) {
            c.socket.cancel();
            return;
        }
        c.socket.send(SFeedControl.authFrame(ucc, c.session.sid(), clock.instant()));
    }

    private void authenticated(Connection c, SFeedControl.Reply.Authenticated reply) {
        if (c.authenticated) {
            log.debug("[{}] market feed: a repeated auth reply ({}) ignored", account, reply.code());
            return;
        }
        c.authenticated = true;
        c.dividers = reply.dividers();
        c.upSinceNanos = System.nanoTime();
        c.socket.send(SFeedControl.subscribeIndices(SFeedIndexTokens.subscription()));
        lastTickNanos = c.upSinceNanos;
        connected = true;
        toldNoUrl = false;
        // Both success codes occur (1119 production, 1117 documented): the log says which one this server sends.
        log.info(
                "[{}] market feed connected to {} (auth reply {}); subscribed to {}",
                account,
                c.where,
                reply.code(),
                SFeedIndexTokens.subscription());
        calls.tell(() -> listener.onConnection(true));
        if (everUp) {
            calls.tell(listener::onReconnect);
        }
        everUp = true;
    }

    /**
     * The connection {@code c} is over: tell the listener if it was up, and try again after the backoff, logging
     * in again first when the server refused the session.
     */
    private void lost(Connection c, String why, boolean loginAgain) {
        if (c != current) {
            return;
        }
        current = null;
        boolean wasUp = c.authenticated;
        Duration upFor = wasUp ? Duration.ofNanos(System.nanoTime() - c.upSinceNanos) : Duration.ZERO;
        if (connected) {
            connected = false;
            calls.tell(() -> listener.onConnection(false));
        }
        backoff.ended(upFor);
        Duration delay = backoff.next();
        if (wasUp) {
            log.warn(
                    "[{}] market feed lost after {} s: {}; reconnecting in {} ms",
                    account,
                    upFor.toSeconds(),
                    why,
                    delay.toMillis());
        } else {
            log.info(
                    "[{}] market feed attempt {} failed: {}; retrying in {} ms",
                    account,
                    c.number,
                    why,
                    delay.toMillis());
        }
        KotakSession refused = loginAgain ? c.session : null;
        loop.schedule(delay, () -> reconnect(refused));
    }

    private void reconnect(KotakSession refused) {
        if (closed) {
            return;
        }
        if (refused != null) {
            try {
                sessions.renew(refused);
            } catch (BrokerException e) {
                retryLater("logging in again failed: " + e.getMessage(), refused);
                return;
            }
        }
        connect();
    }

    private void retryLater(String why, KotakSession refused) {
        Duration delay = backoff.next();
        log.warn("[{}] market feed: {}; trying again in {} ms", account, why, delay.toMillis());
        loop.schedule(delay, () -> reconnect(refused));
    }

    /** Periodic: a connection that never authenticates, or a stall while ticks are expected, is cut. */
    private void watch() {
        Connection c = current;
        if (c == null || closed) {
            return;
        }
        long now = System.nanoTime();
        if (!c.authenticated) {
            if (now - c.startedNanos > timings.authTimeout().toNanos()) {
                c.socket.cancel();
                lost(c, "not authenticated within " + timings.authTimeout().toMillis() + " ms", false);
            }
            return;
        }
        if (!ticksExpected()) {
            lastTickNanos = now; // silence outside market hours is normal: count from when ticks are expected
            return;
        }
        if (now - lastTickNanos > options.stallTimeout().toNanos()) {
            c.socket.cancel();
            lost(c, "no index tick for " + options.stallTimeout().toMillis() + " ms (stalled)", false);
        }
    }

    private boolean ticksExpected() {
        try {
            return options.expectTicks().getAsBoolean();
        } catch (RuntimeException e) {
            if (logThrottle.shouldLog("expectTicks")) {
                log.warn("[{}] market feed: expectTicks failed ({}); stall watch paused", account, e.toString());
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- reading

    private void text(Connection c, String text) {
        if (c != current) {
            return;
        }
        switch (SFeedControl.read(text)) {
            case SFeedControl.Reply.Authenticated reply -> authenticated(c, reply);
            case SFeedControl.Reply.Refused refused -> {
                log.warn(
                        "[{}] market feed refused the session (1120): it may have rolled over; logging in again once",
                        account);
                c.socket.close(1000, null);
                lost(c, "authentication refused (1120)", true);
            }
            case SFeedControl.Reply.Downgraded downgraded -> {
                c.socket.close(1000, null);
                lost(c, "the server offered only the native_fallback format", false);
            }
            case SFeedControl.Reply.SubscribeAck ack -> {
                data.learn(ack.tradingSymbols());
                log.debug("[{}] market feed: subscription acknowledged: {}", account, ack.tradingSymbols());
            }
            case SFeedControl.Reply.Other other ->
                log.debug("[{}] market feed: control message {} ignored", account, other.messageCode());
            case SFeedControl.Reply.NotJson notJson -> data.malformed(SFeedControl.NOT_JSON);
        }
    }

    private void binary(Connection c, byte[] frame) {
        if (c != current) {
            return;
        }
        if (data.frame(frame, c.dividers, clock.instant())) {
            lastTickNanos = System.nanoTime();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private Duration watchPeriod() {
        Duration quarter = options.stallTimeout().dividedBy(4);
        Duration authQuarter = timings.authTimeout().dividedBy(4);
        Duration period = quarter.compareTo(authQuarter) < 0 ? quarter : authQuarter;
        if (period.compareTo(MAX_WATCH_PERIOD) > 0) {
            return MAX_WATCH_PERIOD;
        }
        return period.compareTo(MIN_WATCH_PERIOD) < 0 ? MIN_WATCH_PERIOD : period;
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Host and path for logs: the feed URL carries no secret, but a query string might one day. */
    private static String where(Request request) {
        return request.url().host() + ":" + request.url().port() + request.url().encodedPath();
    }

    /** One websocket connection; its OkHttp events hop onto the feed's thread, where a stale one is ignored. */
    private final class Connection extends FeedSocket {
        final int number;
        final KotakSession session;
        final String where;
        final long startedNanos = System.nanoTime();
        /** Counted down when OkHttp is done with the socket (closed or failed). */
        final CountDownLatch ended = new CountDownLatch(1);

        boolean authenticated;
        long upSinceNanos;
        Map<Integer, Long> dividers = Map.of();

        Connection(int number, KotakSession session, String where) {
            this.number = number;
            this.session = session;
            this.where = where;
        }

        @Override
        void post(Runnable event) {
            loop.execute(event);
        }

        @Override
        void opened() {
            KotakMarketFeed.this.opened(this);
        }

        @Override
        void text(String text) {
            KotakMarketFeed.this.text(this, text);
        }

        @Override
        void binary(ByteString bytes) {
            KotakMarketFeed.this.binary(this, bytes.toByteArray());
        }

        @Override
        void lost(String why) {
            KotakMarketFeed.this.lost(this, why, false);
        }

        @Override
        void finished() {
            ended.countDown();
        }
    }
}
