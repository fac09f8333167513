package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A stateful fake of the Kotak Neo Trade API over real HTTP, for tests of every module.
 *
 * <p>It mimics the wire protocol described in {@code shared/reference/kotak-neo-wire.md}: TOTP
 * login and MPIN validate on the login host ({@link #loginUrl()}), every trade call under the
 * {@link #baseUrl()} returned by validate (which has a path prefix on purpose), form-encoded
 * {@code jData} bodies with string-only values, Kotak's inconsistent success and error shapes,
 * quotes as array-or-error-object, and the scrip-master file list and CSV downloads. The SFeed
 * market-data websocket is served on the same host ({@link #marketFeed()}).
 *
 * <p>Orders fill deterministically (see {@link OrderEngine}): MKT at LTP, marketable limits at
 * their limit price, the rest stays open until {@link #setLtp} makes it marketable; stops wait for their trigger.
 * Modify and cancel work on open and trigger-pending orders and refuse the others as Kotak does (1021 for a complete
 * order, 1006 for a cancelled, rejected or unknown one). Faults
 * ({@link #failNext}, {@link #expireSessions}, {@link #rejectNextOrderAfterAck}) let tests drive every error
 * path a client must survive. Every state change of an order also goes out on the order-update websocket
 * ({@link #orderFeed}, {@code shared/reference/kotak-neo-streams.md} §B). All methods are thread-safe.
 */
public final class FakeKotakServer implements AutoCloseable {
    /**
     * MockWebServer logs every request through java.util.logging at INFO, which ends up on the
     * console; the test kit stays quiet. Its warnings (say, a connection that sent no request) go
     * through SLF4J to the test log instead of JUL's console handler. Held in a field because JUL
     * keeps loggers weakly.
     */
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
        MOCK_WEB_SERVER_LOG.setUseParentHandlers(false);
        MOCK_WEB_SERVER_LOG.addHandler(new SLF4JBridgeHandler());
    }

    private final MockWebServer server;
    private final KotakState state;
    private final FakeMarketFeed marketFeed;

    private FakeKotakServer(MockWebServer server, KotakState state, FakeMarketFeed marketFeed) {
        this.server = server;
        this.state = state;
        this.marketFeed = marketFeed;
    }

    /** Starts a fake on 127.0.0.1 and a free port, with the default instruments and indices. */
    public static FakeKotakServer start() {
        KotakState state = new KotakState();
        FakeMarketFeed marketFeed = new FakeMarketFeed(state);
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new KotakDispatcher(state, marketFeed));
        server.setServerSocketFactory(state.sockets);
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Kotak server", e);
        }
        state.loginUrl = "http://127.0.0.1:" + server.getPort();
        state.advertisedFeedUrl = state.loginUrl + FakeMarketFeed.PATH;
        FakeKotakServer fake = new FakeKotakServer(server, state, marketFeed);
        fake.addDefaultMarket();
        return fake;
    }

    private void addDefaultMarket() {
        addInstrument("nse_fo", "56526", "NIFTY2692221000PE", 65, new BigDecimal("120.50"));
        addInstrument("nse_fo", "58801", "NIFTY26JAN26000CE", 65, new BigDecimal("95.00"));
        addInstrument("nse_fo", "61234", "BANKNIFTY26JAN60000PE", 30, new BigDecimal("310.00"));
        addInstrument("nse_cm", "2885", "RELIANCE-EQ", 1, new BigDecimal("2900.00"));
        addInstrument("nse_cm", "14366", "IDEA-EQ", 1, new BigDecimal("9.39"));
        setIndexQuote("nse_cm", "Nifty 50", new BigDecimal("25980.35"));
        setIndexQuote("nse_cm", "Nifty Bank", new BigDecimal("59120.10"));
    }

    /** Host of tradeApiLogin/tradeApiValidate: {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String loginUrl() {
        return state.loginUrl;
    }

    /** The {@code baseUrl} validate returns: {@link #loginUrl()} + {@code /gw/e43}. */
    public String baseUrl() {
        return state.baseUrl();
    }

    /**
     * The SFeed market-data websocket on this server ({@link FakeMarketFeed#url()}, which validate returns as
     * {@code data.feedUrl}): send ticks and faults, read what clients sent.
     */
    public FakeMarketFeed marketFeed() {
        return marketFeed;
    }

    // ---------------------------------------------------------------- users

    /** A user as the Neo dashboard would know them; pass these to the client under test. */
    public record FakeUser(String ucc, String consumerKey, String mobileNumber, String mpin, String totpSecretBase32) {
        /** The TOTP an authenticator app would show at {@code time}. */
        public String totpAt(Instant time) {
            return Totp.at(Base32.decode(totpSecretBase32), time);
        }

        public String totpNow() {
            return totpAt(Instant.now());
        }
    }

    /**
     * Registers a user with a random consumer key, a {@code +9198765xxxxx} mobile number, a 6-digit
     * MPIN and a random 20-byte TOTP secret.
     *
     * @throws IllegalArgumentException if the UCC exists already
     */
    public FakeUser addUser(String ucc) {
        synchronized (state.lock) {
            return state.accounts.add(ucc).user;
        }
    }

    /** @throws IllegalArgumentException for an unknown UCC */
    public FakeUser user(String ucc) {
        synchronized (state.lock) {
            return state.accounts.require(ucc).user;
        }
    }

    /** Cash the limits report as {@code CollateralValue}; default 1000000. */
    public void setInitialCash(String ucc, BigDecimal cash) {
        synchronized (state.lock) {
            state.accounts.require(ucc).cash = Objects.requireNonNull(cash);
        }
    }

    /** Successful MPIN validations (trade-session logins) of that user. */
    public int loginCount(String ucc) {
        synchronized (state.lock) {
            return state.accounts.require(ucc).logins;
        }
    }

    // ---------------------------------------------------------------- market state

    /** Adds (or replaces) the instrument {@code segment|token}; its LTP is also the previous close. */
    public void addInstrument(String segment, String token, String tradingSymbol, int lotSize, BigDecimal ltp) {
        synchronized (state.lock) {
            state.market.addInstrument(segment, token, tradingSymbol, lotSize, ltp, Instant.now());
        }
    }

    /**
     * Moves the LTP of every instrument with this token and re-runs the fill rule, so open limit
     * and stop orders that become marketable fill now.
     *
     * @throws IllegalArgumentException for an unknown token
     */
    public void setLtp(String token, BigDecimal ltp) {
        synchronized (state.lock) {
            List<Instrument> instruments = state.market.byToken(token);
            if (instruments.isEmpty()) {
                throw new IllegalArgumentException("unknown instrument token: " + token);
            }
            Instant now = Instant.now();
            for (Instrument instrument : instruments) {
                instrument.setLtp(ltp, now);
                state.engine.onPriceChange(instrument, now);
            }
        }
    }

    /** Sets an index value, queried as {@code segment|indexName} (exact case), e.g. "Nifty 50". */
    public void setIndexQuote(String segment, String indexName, BigDecimal ltp) {
        synchronized (state.lock) {
            state.market.setIndex(segment, indexName, ltp, Instant.now());
        }
    }

    /**
     * Content of a scrip-master CSV, e.g. "nse_fo.csv" (served under {@code transformed/}) or
     * "nse_cm-v1.csv" (under {@code transformed-v1/}), in today's (IST) date folder below
     * {@code loginUrl()/wso2-scripmaster/v1/prod}. Files never set answer 404.
     */
    public void setScripMasterFile(String fileName, byte[] csv) {
        if (fileName.contains("/")) {
            throw new IllegalArgumentException("plain file name expected: " + fileName);
        }
        synchronized (state.lock) {
            state.market.setScripFile(fileName, csv);
        }
    }

    // ---------------------------------------------------------------- faults

    /** How calls with an expired trade token are answered (all forms occur in the wild). */
    public enum SessionExpiry {
        /** HTTP 200 {@code {"stat":"Not_Ok","emsg":"Invalid session","stCode":1003}} (Kotak docs). */
        STCODE_1003,
        /** HTTP 200 {@code {"stCode":100022,"errMsg":"invalid session token","stat":"Not_Ok"}}. */
        STCODE_100022,
        /** HTTP 401, empty body. */
        HTTP_401,
        /** HTTP 403 {@code {"message":"Invalid session, please re-login to continue"}}, no stCode. */
        HTTP_403
    }

    /**
     * Every trade session issued so far becomes invalid; calls still carrying an old token get the
     * chosen answer. A new login (validate) creates a fresh, valid session.
     */
    public void expireSessions(SessionExpiry style) {
        synchronized (state.lock) {
            state.accounts.expireAll(Objects.requireNonNull(style));
        }
    }

    /** A fault injected by {@link #failNext}. */
    public sealed interface Fault {
        /** Answers with this status/body; the request is NOT executed. */
        record Reply(int status, String contentType, String body) implements Fault {}

        /**
         * Executes normally (the order is placed, modified or cancelled, and the order feed tells it); the response
         * headers are delayed. A client whose read timeout is shorter sees a timeout for a change that was made.
         */
        record Delay(Duration delay) implements Fault {}

        /**
         * A lost reply: executes (the order is placed, modified or cancelled, and the order feed tells it), then
         * closes the connection without answering, so the client sees the connection end for a change that was made.
         */
        record DisconnectAfterAccept() implements Fault {}

        /**
         * Place answers Ok with an order number, but the order is "rejected" with this reason, at once or
         * {@code delay} later (it waits in "validation pending" until then).
         */
        record RmsReject(String reason, Duration delay) implements Fault {
            public RmsReject {
                Objects.requireNonNull(reason);
                if (delay.isNegative()) {
                    throw new IllegalArgumentException("negative delay: " + delay);
                }
            }

            public RmsReject(String reason) {
                this(reason, Duration.ZERO);
            }
        }

        /** HTTP 500 with an HTML body (a gateway failure), not executed. */
        static Fault http500Bare() {
            return new Reply(500, "text/html", "<html>Internal Server Error</html>");
        }

        /** HTTP 500 {@code {"stat":"Not_Ok","emsg":"Internal error","stCode":1005}}, not executed. */
        static Fault http500Kotak() {
            return new Reply(
                    500, "application/json", "{\"stat\":\"Not_Ok\",\"emsg\":\"Internal error\",\"stCode\":1005}");
        }

        /** Any status/body (429, 424, 502...), not executed. JSON content type when it looks like JSON. */
        static Fault http(int status, String body) {
            String text = body == null ? "" : body;
            String trimmed = text.strip();
            boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
            return new Reply(status, json ? "application/json" : "text/plain", text);
        }

        /** {@link Delay}: executed, answered {@code delay} late. */
        static Fault delay(Duration delay) {
            return new Delay(Objects.requireNonNull(delay));
        }

        /**
         * {@link DisconnectAfterAccept}: the request is executed, but the connection closes before any response. On
         * place, modify ({@code /quick/order/vr/modify}) and cancel ({@code /quick/order/cancel}) alike.
         */
        static Fault disconnectAfterAccept() {
            return new DisconnectAfterAccept();
        }

        /** For place: accepted ({@code nOrdNo}), then rejected by RMS with {@code rejRsn=reason}. */
        static Fault rmsReject(String reason) {
            return new RmsReject(Objects.requireNonNull(reason));
        }

        /** HTTP 200 {@code {"stat":"Not_Ok","emsg":emsg,"stCode":stCode}}, not executed. */
        static Fault apiReject(int stCode, String emsg) {
            return new Reply(200, "application/json", Json.write(Replies.notOkBody(stCode, emsg)));
        }

        /** Static-IP check: HTTP 200 {@code {"stCode":100008,"errMsg":"unauthorized","stat":"Not_Ok"}}. */
        static Fault staticIp100008() {
            return new Reply(200, "application/json", Json.write(Replies.errMsgBody(100008, "unauthorized", "Not_Ok")));
        }

        /** Session created from another IP: HTTP 200 stCode 1037 (Kotak's spelling, typos included). */
        static Fault staticIp1037() {
            return new Reply(
                    200,
                    "application/json",
                    Json.write(Replies.errMsgBody(1037, "session ip doesnt match with reqest ip", "Not_Ok")));
        }
    }

    /**
     * Makes the next request whose path (without the baseUrl prefix and query) ends with
     * {@code pathSuffix} fail with {@code fault}, once. Several faults queue up in order.
     */
    public void failNext(String pathSuffix, Fault fault) {
        synchronized (state.lock) {
            state.addFault(Objects.requireNonNull(pathSuffix), Objects.requireNonNull(fault));
        }
    }

    /**
     * How many faults queued by {@link #failNext} with exactly this {@code pathSuffix} have not met their request yet
     * (a soak test queues the next only when the last one was applied, and counts the faults that really happened).
     */
    public int pendingFaults(String pathSuffix) {
        synchronized (state.lock) {
            return state.pendingFaults(Objects.requireNonNull(pathSuffix));
        }
    }

    /**
     * The next order placed (by anyone) is acknowledged with an order number, then rejected by RMS with
     * {@code rejRsn=reason} (e.g. "RMS:Margin Exceeds"), in the books and on the order feed. Same as
     * {@code failNext(PLACE, Fault.rmsReject(reason))}.
     */
    public void rejectNextOrderAfterAck(String reason) {
        rejectNextOrderAfterAck(reason, Duration.ZERO);
    }

    /** As {@link #rejectNextOrderAfterAck(String)}, the rejection coming {@code delay} after the acknowledgement. */
    public void rejectNextOrderAfterAck(String reason, Duration delay) {
        failNext("/quick/order/rule/ms/place", new Fault.RmsReject(reason, delay));
    }

    // ---------------------------------------------------------------- order-update feed

    /**
     * The account's end of the order-update feed: a websocket at {@code ws://127.0.0.1:<port>/realtime} (the host
     * root: the baseUrl's path prefix is not part of it), pushing every state change of the account's orders.
     *
     * @throws IllegalArgumentException for an unknown UCC
     */
    public FakeOrderFeed orderFeed(String ucc) {
        synchronized (state.lock) {
            state.feeds.account(ucc);
            return new FakeOrderFeed(state, ucc);
        }
    }

    /**
     * Whether validate answers with an {@code rtUrl} ({@code http://127.0.0.1:<port>/rt/e43/realtime}); while it
     * does, the order feed listens there only and {@code /realtime} answers 404. Off by default; applies to the
     * logins that follow.
     */
    public void advertiseRtUrl(boolean advertise) {
        synchronized (state.lock) {
            state.feeds.advertiseRtUrl(advertise);
        }
    }

    /**
     * An order placed outside the agent (Kotak's app or web): no tag ({@code GuiOrdId} empty), product NRML, DAY.
     * It fills by the same rule, shows in the books and goes out on the order feed like any other.
     *
     * @param priceType MKT, L, SL or SL-M; {@code price} is the limit (0 for MKT)
     * @throws IllegalArgumentException for an unknown UCC or instrument
     */
    public FakeOrder addExternalOrder(
            String ucc,
            String segment,
            String tradingSymbol,
            String side,
            int qty,
            String priceType,
            BigDecimal price) {
        synchronized (state.lock) {
            state.accounts.require(ucc);
            Instrument instrument = state.market.bySymbol(segment, tradingSymbol);
            if (instrument == null) {
                throw new IllegalArgumentException("unknown instrument: " + segment + " " + tradingSymbol);
            }
            if (!side.equals("B") && !side.equals("S")) {
                throw new IllegalArgumentException("side must be B or S: " + side);
            }
            OrderRequest request = new OrderRequest(
                    instrument, side, qty, priceType, price, BigDecimal.ZERO, "NRML", "DAY", false, null);
            return state.engine.place(ucc, request, null, Instant.now()).toFake();
        }
    }

    // ---------------------------------------------------------------- assertions

    /** One HTTP request as the fake received it. */
    public record RecordedCall(
            String method, String path, String query, Map<String, String> headers, String body, Instant at) {
        static RecordedCall of(RecordedRequest request, Instant at) {
            String target = request.getPath() == null ? "" : request.getPath();
            int q = target.indexOf('?');
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Headers raw = request.getHeaders();
            for (String name : raw.names()) {
                headers.put(name, String.join(", ", raw.values(name)));
            }
            return new RecordedCall(
                    request.getMethod(),
                    q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1),
                    Collections.unmodifiableMap(headers),
                    request.getBody().clone().readUtf8(),
                    at);
        }

        /** Header value by case-insensitive name (repeated headers joined with ", "), or null. */
        public String header(String name) {
            for (Map.Entry<String, String> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }

        /** The URL-decoded JSON text of the form field {@code jData}, exactly as sent, or null. */
        public String rawJData() {
            return Urls.formField(body, "jData");
        }

        /**
         * The parsed {@code jData}, or null when the body has none.
         *
         * @throws IllegalStateException when jData is not JSON
         */
        public JsonNode jData() {
            String raw = rawJData();
            if (raw == null) {
                return null;
            }
            JsonNode node = Json.parseOrNull(raw);
            if (node == null) {
                throw new IllegalStateException("jData is not JSON: " + raw);
            }
            return node;
        }
    }

    /** Every request received so far, in arrival order (faulted and rejected ones included). */
    public List<RecordedCall> requests() {
        synchronized (state.lock) {
            return List.copyOf(state.log);
        }
    }

    /** The requests whose path (full, prefix included, no query) ends with {@code pathSuffix}. */
    public List<RecordedCall> requestsTo(String pathSuffix) {
        synchronized (state.lock) {
            return state.log.stream().filter(c -> c.path().endsWith(pathSuffix)).toList();
        }
    }

    /** Forgets the request log (e.g. after a test's setup logged in). */
    public void clearRequests() {
        synchronized (state.lock) {
            state.log.clear();
        }
    }

    /** An order as the fake's exchange sees it. {@code rejectReason} is null unless rejected. */
    public record FakeOrder(
            String orderNo,
            String tag,
            String tradingSymbol,
            String segment,
            String side,
            int qty,
            String priceType,
            BigDecimal price,
            String product,
            String status,
            int filledQty,
            BigDecimal avgPrice,
            String rejectReason) {}

    /** Current state of the user's orders, oldest first. */
    public List<FakeOrder> orders(String ucc) {
        synchronized (state.lock) {
            state.accounts.require(ucc);
            return state.engine.ordersOf(ucc).stream().map(Order::toFake).toList();
        }
    }

    /** The status sequence of one order, oldest first (e.g. put order req received ... complete). */
    public List<String> orderStatusHistory(String ucc, String orderNo) {
        synchronized (state.lock) {
            Order order = state.engine.find(ucc, orderNo);
            if (order == null) {
                throw new IllegalArgumentException("unknown order " + orderNo + " of " + ucc);
            }
            return order.history.stream().map(Order.Snapshot::status).toList();
        }
    }

    @Override
    public void close() {
        state.close();
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the fake Kotak server", e);
        }
    }
}
