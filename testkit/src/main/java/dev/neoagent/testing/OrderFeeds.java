package dev.neoagent.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.FakeOrderFeed.AcceptedForms;
import dev.neoagent.testing.FakeOrderFeed.Handshake;
import dev.neoagent.testing.FakeOrderFeed.Outcome;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake order-update feed ({@code kotak-neo-streams.md} §B): a websocket at {@code /realtime} on the host root
 * (the baseUrl's path prefix is not used), or at {@link #RT_URL_PATH} when validate advertises an {@code rtUrl}.
 * A connection is anonymous until its {@code cn} handshake names a trade token; from then on it receives one
 * {@code order} message, rendered by {@link BookRenderer#orderRow} like the order book, per state change of the
 * account's orders. Guarded by the server lock; the socket callbacks take it.
 */
final class OrderFeeds {
    static final String PATH = "/realtime";
    /** Where the feed moves when validate answers with an {@code rtUrl}: a path no client would guess. */
    static final String RT_URL_PATH = "/rt/e43/realtime";

    private static final Logger LOG = LoggerFactory.getLogger(OrderFeeds.class);

    /** One account's feed: the test's settings and what its connections did. */
    static final class AccountFeed {
        AcceptedForms accepted = AcceptedForms.BOTH;
        boolean refuseAll;
        final List<Handshake> handshakes = new ArrayList<>();
        final List<Connection> live = new ArrayList<>();
        int heartbeats;
    }

    private final Object lock;
    private final Accounts accounts;
    private final NoDelayServerSocketFactory sockets;
    private final Map<String, AccountFeed> byUcc = new HashMap<>();
    private boolean advertiseRtUrl;

    OrderFeeds(Object lock, Accounts accounts, NoDelayServerSocketFactory sockets) {
        this.lock = lock;
        this.accounts = accounts;
        this.sockets = sockets;
    }

    void advertiseRtUrl(boolean advertise) {
        advertiseRtUrl = advertise;
    }

    /** The {@code rtUrl} validate adds to its answer, or null. */
    String rtUrl(String loginUrl) {
        return advertiseRtUrl ? loginUrl + RT_URL_PATH : null;
    }

    /** Whether {@code path} (the full request path) is where the feed listens now. */
    boolean servesPath(String path) {
        return path.equals(advertiseRtUrl ? RT_URL_PATH : PATH);
    }

    AccountFeed account(String ucc) {
        accounts.require(ucc);
        return byUcc.computeIfAbsent(ucc, u -> new AccountFeed());
    }

    /** Answers the upgrade request; anything but a websocket GET is refused as a real gateway would. */
    MockResponse upgrade(RecordedCall call) {
        if (!"GET".equals(call.method())) {
            return Replies.methodNotAllowed();
        }
        if (!"websocket".equalsIgnoreCase(call.header("Upgrade"))) {
            return Replies.raw(426, "text/plain", "Upgrade Required");
        }
        return new MockResponse().withWebSocketUpgrade(new Connection(sockets.currentConnection()));
    }

    /** Called by the order engine after every state change. */
    void publish(Order order) {
        AccountFeed feed = byUcc.get(order.ucc);
        if (feed == null || feed.live.isEmpty()) {
            return;
        }
        send(feed, message(BookRenderer.orderRow(order)));
    }

    void sendPartial(String ucc, String orderNo, String ordSt) {
        ObjectNode data = Json.object();
        data.put("ordSt", ordSt);
        data.put("nOrdNo", orderNo);
        data.put("ordValDt", "NA");
        data.put("strategyCode", "NA");
        data.put("hsUpTm", Formats.hsUpTime(Instant.now()));
        send(account(ucc), message(data));
    }

    void sendRaw(String ucc, String text) {
        send(account(ucc), text);
    }

    void drop(String ucc) {
        AccountFeed feed = account(ucc);
        for (Connection connection : List.copyOf(feed.live)) {
            connection.dropAbruptly();
        }
        feed.live.clear();
    }

    private static String message(ObjectNode data) {
        ObjectNode message = Json.object();
        message.put("type", "order");
        message.set("data", data);
        return Json.write(message);
    }

    private static void send(AccountFeed feed, String text) {
        for (Connection socket : feed.live) {
            socket.webSocket.send(text);
        }
    }

    private void onText(Connection socket, String text) {
        if (socket.ucc != null) {
            if (FeedHandshake.isHeartbeat(text)) {
                byUcc.get(socket.ucc).heartbeats++;
            }
            return; // the feed takes nothing else from a client
        }
        FeedHandshake handshake = FeedHandshake.parse(text);
        if (handshake == null) {
            LOG.debug("order feed: ignored a frame before the handshake");
            return;
        }
        String ucc = accounts.uccOfTradeToken(handshake.token());
        if (ucc == null) {
            refuse(socket);
            return;
        }
        AccountFeed feed = account(ucc);
        if (!feed.accepted.accepts(handshake.form())) {
            feed.handshakes.add(new Handshake(handshake.form(), Outcome.IGNORED));
            return;
        }
        if (feed.refuseAll
                || accounts.checkTrade(handshake.token(), handshake.sid()).account() == null) {
            feed.handshakes.add(new Handshake(handshake.form(), Outcome.REFUSED));
            refuse(socket);
            return;
        }
        feed.handshakes.add(new Handshake(handshake.form(), Outcome.ACCEPTED));
        socket.ucc = ucc;
        feed.live.add(socket);
        socket.webSocket.send("{\"ak\":\"ok\",\"task\":\"cn\",\"type\":\"cn\",\"msg\":\"connected\"}");
    }

    private static void refuse(Connection socket) {
        socket.webSocket.send("{\"ak\":\"nk\",\"task\":\"cn\",\"type\":\"cn\",\"msg\":\"Authentication Failed\"}");
        socket.webSocket.close(1000, "Authentication Failed");
    }

    private void onGone(Connection socket) {
        if (socket.ucc != null) {
            byUcc.get(socket.ucc).live.remove(socket);
        }
    }

    /** The server end of one connection. */
    private final class Connection extends WebSocketListener {
        /** The TCP connection under the websocket (MockWebServer's server-side websocket cannot be cancelled). */
        private final java.net.Socket tcp;

        private WebSocket webSocket;
        /** Set by an accepted handshake. */
        private String ucc;

        Connection(java.net.Socket tcp) {
            this.tcp = tcp;
        }

        /** Closes the TCP connection without a close frame: the client sees the stream end, as on a network drop. */
        void dropAbruptly() {
            if (tcp == null) { // not served by the fake's own sockets: the closest thing is a close frame
                webSocket.close(1001, "dropped");
                return;
            }
            try {
                tcp.close();
            } catch (IOException e) {
                LOG.debug("order feed: closing a dropped connection failed: {}", e.toString());
            }
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (lock) {
                this.webSocket = webSocket;
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            synchronized (lock) {
                onText(this, text);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            synchronized (lock) {
                onGone(this);
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            synchronized (lock) {
                onGone(this);
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            synchronized (lock) {
                onGone(this);
            }
        }
    }
}
