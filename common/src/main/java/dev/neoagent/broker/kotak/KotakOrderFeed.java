package dev.neoagent.broker.kotak;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerFeed;
import dev.neoagent.broker.OrderFeedListener;
import dev.neoagent.broker.kotak.OrderFeedHandshake.Form;
import dev.neoagent.broker.kotak.OrderFeedMessages.Inbound;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-update feed of one Kotak Neo account (kotak-neo-streams.md §B): a websocket at the session's
 * {@code rtUrl}, else {@code wss://<baseUrl host>/realtime}, authenticated by a {@code cn} handshake with the session
 * token and sid ({@link OrderFeedHandshake}: JSON first, the raw form when JSON goes unanswered), kept alive by
 * websocket pings and a text heartbeat, and reconnected with backoff and jitter ({@link FeedBackoff}) whenever
 * it drops, until {@link #close()}. Kotak may drop it every few minutes (kotak-neo-api#87, v2#60), so a drop is
 * routine and logged at INFO.
 *
 * <p>An {@code nk} answer means the session token was refused, most likely because it rolled over: the feed logs in
 * again once and reconnects at once; a second {@code nk} before any accepted handshake only backs off (logging in
 * again will not help, and Kotak counts logins). A refused login (wrong MPIN, say) stops the feed from logging in by
 * itself: repeating it could lock the account; it waits for a session the adapter gets elsewhere.
 *
 * <p>Everything happens on the feed's one thread ({@link FeedThread}): OkHttp's callbacks are handed over to it
 * ({@link FeedSocket}), so the state below is
 * confined to it and the listener hears things in the order they arrived. No token or sid is ever logged: the
 * handshake frame is the only place they appear.
 */
public final class KotakOrderFeed implements BrokerFeed {
    private static final Logger log = LoggerFactory.getLogger(KotakOrderFeed.class);
    /** How long close() waits for the feed's thread: once it returns, the listener hears nothing more. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final String account;
    private final FeedSessions sessions;
    private final OrderFeedListener listener;
    private final OrderFeedSettings settings;
    private final OkHttpClient client;
    private final FeedThread thread;
    private final ListenerCalls calls;
    private final OrderFeedMessages messages = new OrderFeedMessages();
    private final OrderFeedHandshake handshake = new OrderFeedHandshake();
    private final FeedBackoff backoff;
    private final LogThrottle logThrottle = LogThrottle.perMinute();

    // confined to `thread` (current is also read by close())
    private volatile Connection current;
    private boolean started;
    /** An nk already cost one re-login since the last accepted handshake. */
    private boolean reloggedIn;
    /** A login the feed attempted was refused: it no longer logs in by itself. */
    private boolean loginRefused;

    private volatile boolean connected;
    private volatile boolean closed;

    KotakOrderFeed(
            String account,
            FeedSessions sessions,
            OrderFeedListener listener,
            OrderFeedSettings settings,
            OkHttpClient shared) {
        this.account = account;
        this.sessions = sessions;
        this.listener = listener;
        this.settings = settings;
        this.client = FeedSocket.pinging(shared, settings.pingInterval());
        this.backoff = new FeedBackoff(
                settings.firstRetryDelay(),
                settings.maxRetryDelay(),
                settings.healthyAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.thread = new FeedThread("kotak-order-feed-" + account, this::failed);
        this.calls = new ListenerCalls(log, account, "order feed", () -> closed);
    }

    @Override
    public void start() {
        thread.execute(() -> run(() -> {
            if (!started) {
                started = true;
                connect();
            }
        }));
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connected = false;
        Connection last = current;
        if (last != null && last.socket != null) {
            last.socket.close(1000, "closing");
        }
        thread.shutDown(CLOSE_WAIT);
        log.info("[{}] order feed closed", account);
    }

    @Override
    public String toString() {
        return "KotakOrderFeed[" + account + "]";
    }

    // ---- connecting ----

    private void connect() {
        if (closed || current != null) {
            return; // one connection at a time: an attempt is under way already
        }
        Optional<KotakSession> session = session();
        if (session.isEmpty()) {
            retryLater();
            return;
        }
        Request request =
                new Request.Builder().url(session.get().orderFeedUrl()).build();
        Connection connection = new Connection(session.get(), handshake.next());
        current = connection;
        // its callbacks queue up behind this step, so they see the socket set
        connection.socket = client.newWebSocket(request, connection);
    }

    /** The session to connect with; empty when there is none to be had now (logged). */
    private Optional<KotakSession> session() {
        try {
            if (loginRefused) {
                Optional<KotakSession> existing = sessions.existing();
                existing.ifPresent(s -> loginRefused = false);
                return existing;
            }
            return Optional.of(sessions.current());
        } catch (BrokerException.AuthFailed e) {
            loginRefused = true;
            log.error(
                    "[{}] order feed: login refused ({}); the feed waits for a session the agent gets elsewhere",
                    account,
                    e.getMessage());
        } catch (BrokerException e) {
            log.warn("[{}] order feed: cannot log in now: {}", account, e.getMessage());
        }
        return Optional.empty();
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        log.debug("[{}] order feed: next attempt in {} ms", account, delay.toMillis());
        thread.schedule(delay, () -> run(this::connect));
    }

    private void retryNow() {
        thread.execute(() -> run(this::connect));
    }

    // ---- one connection's events, on the feed thread ----

    private void opened(Connection c) {
        c.socket.send(c.form.frame(c.session));
        c.ackTimer = thread.schedule(settings.ackTimeout(), () -> run(() -> ackTimedOut(c)));
    }

    private void received(Connection c, String text) {
        switch (messages.read(text)) {
            case Inbound.Ack ack when ack.ok() -> accepted(c);
            case Inbound.Ack nk -> refused(c);
            case Inbound.Update update -> calls.tell(() -> listener.onOrder(update.update()));
            case Inbound.Ignored ignored -> {
                if (logThrottle.shouldLog("type:" + ignored.type())) {
                    log.debug("[{}] order feed: ignored a '{}' message", account, ignored.type());
                }
            }
            case Inbound.Malformed malformed -> malformed(malformed.kind(), malformed.detail());
        }
    }

    private void malformed(String kind, String detail) {
        if (logThrottle.shouldLog("malformed:" + kind)) {
            log.warn(
                    "[{}] order feed: skipped unreadable input ({}: {}); next one logged in a minute",
                    account,
                    kind,
                    detail);
        }
        calls.tell(() -> listener.onMalformed(kind));
    }

    private void accepted(Connection c) {
        if (c.authenticated) {
            return;
        }
        c.authenticated = true;
        c.upSince = System.nanoTime();
        if (c.ackTimer != null) {
            c.ackTimer.cancel(false);
        }
        formAnswered(c.form);
        reloggedIn = false;
        c.heartbeat =
                thread.atFixedRate(settings.heartbeatInterval(), () -> run(() -> c.socket.send(c.form.heartbeat())));
        connected = true;
        log.info("[{}] order feed connected to {} ({} handshake)", account, host(c), c.form);
        calls.tell(() -> listener.onConnection(true));
    }

    private void refused(Connection c) {
        formAnswered(c.form); // it understood the form; it refused the session
        end(c);
        wentDown(c);
        if (reloggedIn) {
            if (logThrottle.shouldLog("refused-again")) {
                log.warn("[{}] order feed: session refused (nk) again after logging in again; backing off", account);
            }
            retryLater();
            return;
        }
        reloggedIn = true;
        log.info("[{}] order feed: session refused (nk); logging in again once", account);
        try {
            sessions.renew(c.session);
        } catch (BrokerException e) {
            log.warn("[{}] order feed: logging in again failed: {}", account, e.getMessage());
            loginRefused = e instanceof BrokerException.AuthFailed;
            retryLater();
            return;
        }
        retryNow();
    }

    /** Remembers the form the server answered, and says so when it is news. */
    private void formAnswered(Form form) {
        if (handshake.remembered() != form) {
            log.info("[{}] order feed: the server takes the cn handshake in the {} form", account, form);
        }
        handshake.answered(form);
    }

    private void ackTimedOut(Connection c) {
        if (c.authenticated) {
            return;
        }
        end(c);
        if (handshake.unanswered(c.form)) {
            log.info(
                    "[{}] order feed: no answer to the {} handshake within {} ms; trying the {} form",
                    account,
                    c.form,
                    settings.ackTimeout().toMillis(),
                    c.form.other());
            retryNow();
            return;
        }
        if (logThrottle.shouldLog("unanswered")) {
            log.warn("[{}] order feed: neither handshake form was answered; backing off", account);
        }
        retryLater();
    }

    private void lost(Connection c, String why) {
        end(c);
        if (c.authenticated) {
            log.info("[{}] order feed disconnected ({}); reconnecting", account, why);
            wentDown(c);
        } else if (logThrottle.shouldLog("connect-failed")) {
            log.info("[{}] order feed: connecting to {} failed ({})", account, host(c), why);
        }
        retryLater();
    }

    /** An authenticated connection ended: tell the listener, and start the backoff afresh if it had been healthy. */
    private void wentDown(Connection c) {
        if (!c.authenticated) {
            return;
        }
        connected = false;
        backoff.ended(Duration.ofNanos(System.nanoTime() - c.upSince));
        calls.tell(() -> listener.onConnection(false));
    }

    /** Forgets the connection and makes sure its socket and timers are gone. */
    private void end(Connection c) {
        if (current == c) {
            current = null;
        }
        if (c.ackTimer != null) {
            c.ackTimer.cancel(false);
        }
        if (c.heartbeat != null) {
            c.heartbeat.cancel(false);
        }
        if (c.socket != null) {
            c.socket.cancel();
        }
    }

    // ---- plumbing ----

    /** Runs a step on the feed thread unless the feed is closed; a failure goes to {@link #failed}. */
    private void run(Runnable step) {
        if (!closed) {
            step.run();
        }
    }

    /** A step threw: logged, never fatal; the connection is given up and another one tried after the backoff. */
    private void failed(RuntimeException e) {
        log.error("[{}] order feed: unexpected failure; reconnecting", account, e);
        Connection c = current;
        if (c != null) {
            end(c);
        }
        retryLater();
    }

    /** The host only: the URL has no secret, but the host is all a log reader needs. */
    private static String host(Connection c) {
        HttpUrl url = c.socket.request().url();
        return url.host() + ":" + url.port();
    }

    /** One websocket; its OkHttp events are handed to the feed thread, where a stale connection is cancelled. */
    private final class Connection extends FeedSocket {
        final KotakSession session;
        final Form form;
        ScheduledFuture<?> ackTimer;
        ScheduledFuture<?> heartbeat;
        boolean authenticated;
        long upSince;

        Connection(KotakSession session, Form form) {
            this.session = session;
            this.form = form;
        }

        /**
         * Hands {@code event} to the feed thread, where it runs only while this is still the current connection; a
         * stale connection is cancelled instead, so none lingers.
         */
        @Override
        void post(Runnable event) {
            if (closed) {
                return;
            }
            thread.execute(() -> run(() -> {
                if (current == this) {
                    event.run();
                } else {
                    socket.cancel();
                }
            }));
        }

        @Override
        void opened() {
            KotakOrderFeed.this.opened(this);
        }

        @Override
        void text(String text) {
            received(this, text);
        }

        @Override
        void binary(ByteString bytes) {
            malformed(OrderFeedMessages.BINARY, bytes.size() + " bytes");
        }

        @Override
        void lost(String why) {
            KotakOrderFeed.this.lost(this, why);
        }
    }
}
