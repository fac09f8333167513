package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake's SFeed market-data websocket ({@code kotak-neo-streams.md} §A1), served by the same MockWebServer at
 * {@link #url()}, which validate hands out as {@code data.feedUrl}. Speaks the reference's formats: it checks the
 * JSON auth frame ({@code user} = the account's UCC, {@code auth} = a live trade session's sid; anything else gets
 * 1120 and a close), answers 1119 (or 1117) with the per-exchange dividers, acks {@code subscribeIndices} with 1109
 * and a {@code trading_symbols} map, and on command sends little-endian binary packets (index ticks only to
 * connections subscribed to that index), drops, stalls and malformed input. It records every text frame the
 * clients sent and counts connections, so tests can check re-auth and re-subscribe after a reconnect.
 *
 * <p>The {@code send...} methods return how many connections the frame went to, so a test can wait until the
 * client has subscribed ({@link #subscribers()}) rather than sleep. Thread-safe; shares the fake's lock.
 */
public final class FakeMarketFeed {
    /** Path of the feed on the fake's host. */
    public static final String PATH = "/feed";

    static final int AUTH_OK = 1119;
    static final int AUTH_OK_DOCUMENTED = 1117;
    static final int AUTH_FAILED = 1120;
    static final int SUBSCRIBE_ACK = 1109;

    private static final Logger LOG = LoggerFactory.getLogger(FakeMarketFeed.class);
    /** Exchange names in the order of their ids (1 nse_cm ... 10 ncd_co). */
    private static final List<String> EXCHANGES = List.of(
            "nse_cm", "nse_fo", "cde_fo", "nse_com", "bse_cm", "bse_fo", "bse_cd", "bse_co", "mcx_fo", "ncd_co");

    /** The indices the feed publishes, with NSE's name and the numeric token their ticks carry by default. */
    public enum Index {
        NIFTY_50("Nifty 50", 26000),
        NIFTY_BANK("Nifty Bank", 26009);

        private final String exchangeName;
        private final long defaultToken;

        Index(String exchangeName, long defaultToken) {
            this.exchangeName = exchangeName;
            this.defaultToken = defaultToken;
        }

        /** NSE's name, as subscribed ({@code nse_cm|Nifty 50}) and written in the packet's name field. */
        public String exchangeName() {
            return exchangeName;
        }
    }

    /** Input a client must survive without dropping the connection. */
    public enum Malformed {
        /** An index packet whose length field is honest but shorter than the index layout (40 of 87 bytes). */
        TRUNCATED_PACKET,
        /** A packet with message code 4242 and level 0: neither a known code nor a known level. */
        UNKNOWN_MESSAGE_CODE,
        /** An index packet whose length field says 200 in an 87-byte frame. */
        LENGTH_BEYOND_FRAME,
        /** An index packet whose length field says 5, less than the 9-byte header. */
        LENGTH_BELOW_HEADER,
        /** A text frame that is not JSON. */
        NOT_JSON
    }

    private final KotakState state;
    private final Map<String, Long> dividers = new LinkedHashMap<>();
    private final Map<Index, Long> tokens = new EnumMap<>(Index.class);
    private final List<Connection> open = new ArrayList<>();
    private final List<JsonNode> authFrames = new ArrayList<>();
    private final List<JsonNode> subscribeFrames = new ArrayList<>();
    private final List<String> textFrames = new ArrayList<>();
    private int authReplyCode = AUTH_OK;
    private boolean answerAuth = true;
    private int connections;

    FakeMarketFeed(KotakState state) {
        this.state = state;
        for (String exchange : EXCHANGES) {
            dividers.put(exchange, defaultDivider(exchange));
        }
        for (Index index : Index.values()) {
            tokens.put(index, index.defaultToken);
        }
    }

    /** 100 for NSE, BSE and MCX; 10^7 for the currency segments; 10^4 for the commodity ones. */
    private static long defaultDivider(String exchange) {
        return switch (exchange) {
            case "cde_fo", "bse_cd" -> 10_000_000L;
            case "nse_com", "bse_co", "ncd_co" -> 10_000L;
            default -> 100L;
        };
    }

    // ---------------------------------------------------------------- configuration

    /** The feed's URL, {@code http://127.0.0.1:<port>/feed} (a client maps http to ws). */
    public String url() {
        synchronized (state.lock) {
            return state.loginUrl + PATH;
        }
    }

    /** What validate returns as {@code data.feedUrl}: {@link #url()} by default; null leaves the key out. */
    public void advertiseUrl(String url) {
        synchronized (state.lock) {
            state.advertisedFeedUrl = url;
        }
    }

    /** The {@code message_code} of a successful auth reply: 1119 (production, the default) or 1117 (documented). */
    public void setAuthReplyCode(int code) {
        if (code != AUTH_OK && code != AUTH_OK_DOCUMENTED) {
            throw new IllegalArgumentException("auth success is 1119 or 1117, not " + code);
        }
        synchronized (state.lock) {
            authReplyCode = code;
        }
    }

    /**
     * Whether auth frames are answered (the default). When not, a new connection stays open and silent after its
     * auth frame, as a server that accepts the socket and never authenticates it.
     */
    public void answerAuth(boolean answer) {
        synchronized (state.lock) {
            answerAuth = answer;
        }
    }

    /** The divider the auth reply announces for an exchange ({@code nse_cm}), and that packets are scaled by. */
    public void setDivider(String exchange, long divider) {
        if (divider < 1) {
            throw new IllegalArgumentException("divider must be positive");
        }
        synchronized (state.lock) {
            exchangeId(exchange);
            dividers.put(exchange, divider);
        }
    }

    /** The numeric token an index's ticks and its 1109 ack carry (default 26000 / 26009). */
    public void setIndexToken(Index index, long token) {
        synchronized (state.lock) {
            tokens.put(Objects.requireNonNull(index), token);
        }
    }

    // ---------------------------------------------------------------- packets

    /** An index packet (code 7207) of {@code value} rupees on nse_cm, scaled by its divider. */
    public byte[] indexPacket(Index index, BigDecimal value, long ltt) {
        synchronized (state.lock) {
            int scaled = scaled("nse_cm", value);
            return FeedPackets.index(exchangeId("nse_cm"), tokens.get(index), scaled, scaled, ltt, index.exchangeName);
        }
    }

    /** A touch-line market picture (level 4) with LTP {@code ltp} rupees and the open interest. */
    public byte[] marketPicturePacket(String exchange, long token, BigDecimal ltp, long openInterest) {
        synchronized (state.lock) {
            return FeedPackets.marketPicture(
                    exchangeId(exchange), token, scaled(exchange, ltp), openInterest, nowSeconds());
        }
    }

    /** A market-status packet (code 105): 1 open, 2 close, 3-12 pre-open, CAS, closing. */
    public byte[] marketStatusPacket(String exchange, int status) {
        synchronized (state.lock) {
            return FeedPackets.marketStatus(exchangeId(exchange), status);
        }
    }

    // ---------------------------------------------------------------- sending

    /** An index tick with the current time (epoch seconds) as its ltt, to the connections subscribed to it. */
    public int sendIndex(Index index, BigDecimal value) {
        return sendIndex(index, value, nowSeconds());
    }

    /** An index tick with the given raw ltt, to the connections subscribed to the index. */
    public int sendIndex(Index index, BigDecimal value, long ltt) {
        synchronized (state.lock) {
            byte[] packet = indexPacket(index, value, ltt);
            return send(c -> c.subscribed.contains(index), ByteString.of(packet));
        }
    }

    /** Several packets laid end to end in one binary frame, to every authenticated connection. */
    public int sendBatch(byte[]... packets) {
        synchronized (state.lock) {
            return send(c -> true, ByteString.of(FeedPackets.batch(packets)));
        }
    }

    public int sendMarketPicture(String exchange, long token, BigDecimal ltp, long openInterest) {
        return sendBatch(marketPicturePacket(exchange, token, ltp, openInterest));
    }

    public int sendMarketStatus(String exchange, int status) {
        return sendBatch(marketStatusPacket(exchange, status));
    }

    /** One piece of malformed input, to every authenticated connection. */
    public int sendMalformed(Malformed kind) {
        synchronized (state.lock) {
            if (kind == Malformed.NOT_JSON) {
                return send(c -> true, "<html><body>502 Bad Gateway</body></html>");
            }
            byte[] index = indexPacket(Index.NIFTY_50, new BigDecimal("25000"), nowSeconds());
            byte[] frame = switch (kind) {
                case TRUNCATED_PACKET -> withLength(java.util.Arrays.copyOf(index, 40), 40);
                case UNKNOWN_MESSAGE_CODE -> FeedPackets.headerOnly(20, 20, 4242, 1, 0);
                case LENGTH_BEYOND_FRAME -> withLength(index, 200);
                case LENGTH_BELOW_HEADER -> withLength(index, 5);
                case NOT_JSON -> throw new IllegalStateException("handled above");
            };
            return send(c -> true, ByteString.of(frame));
        }
    }

    private static byte[] withLength(byte[] packet, int declared) {
        packet[0] = (byte) declared;
        packet[1] = (byte) (declared >>> 8);
        return packet;
    }

    // ---------------------------------------------------------------- faults

    /** Closes every open connection from the server side with a close frame (1001, going away). */
    public void drop() {
        synchronized (state.lock) {
            for (Connection c : List.copyOf(open)) {
                open.remove(c);
                c.socket.close(1001, "going away");
            }
        }
    }

    /** Closes every open connection's TCP socket at once, with no close frame (a network cut, an RST). */
    public void dropAbruptly() {
        synchronized (state.lock) {
            for (Connection c : List.copyOf(open)) {
                open.remove(c);
                try {
                    c.tcp.setSoLinger(true, 0);
                    c.tcp.close();
                } catch (IOException e) {
                    LOG.debug("closing a feed socket: {}", e.toString());
                }
            }
        }
    }

    /**
     * The open connections go silent: they stay up (websocket pings are still answered) but send nothing more, not
     * even replies; what the client sends is still recorded. New connections are served normally.
     */
    public void stall() {
        synchronized (state.lock) {
            for (Connection c : open) {
                c.stalled = true;
            }
        }
    }

    // ---------------------------------------------------------------- assertions

    /** Every auth frame (a connection's first text frame) received, parsed; non-JSON ones as a text node. */
    public List<JsonNode> authFrames() {
        synchronized (state.lock) {
            return List.copyOf(authFrames);
        }
    }

    /** Every {@code subscribe...} frame received after an auth, parsed. */
    public List<JsonNode> subscribeFrames() {
        synchronized (state.lock) {
            return List.copyOf(subscribeFrames);
        }
    }

    /** Every text frame received, as sent. */
    public List<String> textFrames() {
        synchronized (state.lock) {
            return List.copyOf(textFrames);
        }
    }

    /** Websocket connections opened so far. */
    public int connections() {
        synchronized (state.lock) {
            return connections;
        }
    }

    /** Connections open now (not dropped, not closed by the client). */
    public int openConnections() {
        synchronized (state.lock) {
            return open.size();
        }
    }

    /** Open, authenticated, not stalled connections subscribed to at least one index: who gets index ticks. */
    public int subscribers() {
        synchronized (state.lock) {
            return (int) open.stream()
                    .filter(c -> c.authenticated && !c.stalled && !c.subscribed.isEmpty())
                    .count();
        }
    }

    // ---------------------------------------------------------------- server side

    /** Called by the dispatcher (holding the lock) for a request to {@link #PATH}. */
    MockResponse upgrade(FakeKotakServer.RecordedCall call) {
        if (!"websocket".equalsIgnoreCase(call.header("Upgrade"))) {
            return Replies.raw(400, "text/plain", "websocket upgrade expected");
        }
        Socket tcp = NoDelayServerSocketFactory.currentSocket();
        if (tcp == null) {
            throw new IllegalStateException("feed upgrade outside a MockWebServer connection thread");
        }
        return new MockResponse().withWebSocketUpgrade(new Connection(tcp));
    }

    private int send(Predicate<Connection> to, ByteString frame) {
        int sent = 0;
        for (Connection c : open) {
            if (c.authenticated && !c.stalled && to.test(c)) {
                c.socket.send(frame);
                sent++;
            }
        }
        return sent;
    }

    private int send(Predicate<Connection> to, String text) {
        int sent = 0;
        for (Connection c : open) {
            if (c.authenticated && !c.stalled && to.test(c)) {
                c.socket.send(text);
                sent++;
            }
        }
        return sent;
    }

    private int exchangeId(String exchange) {
        int at = EXCHANGES.indexOf(exchange);
        if (at < 0) {
            throw new IllegalArgumentException("unknown exchange: " + exchange);
        }
        return at + 1;
    }

    private int scaled(String exchange, BigDecimal value) {
        try {
            return value.multiply(BigDecimal.valueOf(dividers.get(exchange))).intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value + " does not fit an i32 scaled by " + dividers.get(exchange), e);
        }
    }

    private static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    /** The auth reply, shaped like the v3 SDK's "real production" fixture (no format key). */
    private ObjectNode authReply() {
        ObjectNode reply = Json.object();
        reply.put("message_code", authReplyCode);
        reply.put("id", "SFD_CPROD_701");
        reply.put("version", 1);
        ObjectNode exchanges = reply.putObject("exchanges");
        for (Map.Entry<String, Long> e : dividers.entrySet()) {
            ObjectNode exchange = exchanges.putObject(e.getKey());
            exchange.put("value", exchangeId(e.getKey()));
            exchange.put("divider", e.getValue());
        }
        return reply;
    }

    private void onAuth(Connection c, String text, JsonNode frame) {
        authFrames.add(frame != null ? frame : TextNode.valueOf(text));
        if (!answerAuth) {
            c.stalled = true;
            return;
        }
        if (frame != null && frame.isObject() && validAuth(frame)) {
            c.authenticated = true;
            c.socket.send(Json.write(authReply()));
            return;
        }
        ObjectNode refused = Json.object();
        refused.put("message_code", AUTH_FAILED);
        refused.put("message", "Authentication failed");
        c.socket.send(Json.write(refused));
        open.remove(c);
        c.socket.close(1000, "authentication failed");
    }

    private boolean validAuth(JsonNode frame) {
        String user = frame.path("user").asText("");
        String auth = frame.path("auth").asText("");
        return "native_batch".equals(frame.path("format").asText()) && state.accounts.isLiveTradeSid(user, auth);
    }

    private void onEvent(Connection c, JsonNode frame) {
        String event = frame == null ? "" : frame.path("event").asText("");
        if (!event.startsWith("subscribe")) {
            return;
        }
        subscribeFrames.add(frame);
        if (!event.equals("subscribeIndices")) {
            return;
        }
        ObjectNode symbols = Json.object();
        for (String input : frame.path("inputtoken").asText("").split(",")) {
            Index index = indexOf(input.strip());
            if (index != null) {
                c.subscribed.add(index);
                symbols.put("nse_cm|" + tokens.get(index), index.exchangeName);
            }
        }
        if (frame.path("ack_symbol").asBoolean(false)) {
            ObjectNode ack = Json.object();
            ack.put("message_code", SUBSCRIBE_ACK);
            ack.put("message", "Subscribed");
            ack.set("trading_symbols", symbols);
            c.socket.send(Json.write(ack));
        }
    }

    /** {@code nse_cm|Nifty 50} or {@code nse_cm|26000} (the index's current token). */
    private Index indexOf(String input) {
        int bar = input.indexOf('|');
        if (bar < 0 || !input.substring(0, bar).equals("nse_cm")) {
            return null;
        }
        String key = input.substring(bar + 1);
        for (Index index : Index.values()) {
            if (index.exchangeName.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))
                    || String.valueOf(tokens.get(index)).equals(key)) {
                return index;
            }
        }
        return null;
    }

    /** One client connection, on MockWebServer's side. */
    private final class Connection extends WebSocketListener {
        final Socket tcp;
        final Set<Index> subscribed = EnumSet.noneOf(Index.class);
        WebSocket socket;
        boolean authenticated;
        boolean stalled;

        Connection(Socket tcp) {
            this.tcp = tcp;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (state.lock) {
                socket = webSocket;
                open.add(this);
                connections++;
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            synchronized (state.lock) {
                textFrames.add(text);
                JsonNode frame = Json.parseOrNull(text);
                if (stalled) {
                    if (!authenticated) {
                        authFrames.add(frame != null ? frame : TextNode.valueOf(text));
                    }
                    return;
                }
                if (!authenticated) {
                    onAuth(this, text, frame);
                } else {
                    onEvent(this, frame);
                }
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            LOG.debug("feed client sent {} binary bytes; ignored", bytes.size());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null); // completes the close handshake the client began
            gone();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            gone();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            gone();
        }

        private void gone() {
            synchronized (state.lock) {
                open.remove(this);
            }
        }
    }
}
