package dev.neoagent.broker.kotak;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * One websocket connection of a Kotak feed, as OkHttp reports it: each callback becomes one event that {@link #post}
 * hands to the feed's thread, where the feed decides what the events of a connection it has given up are worth. A
 * close the server begins is answered at once (completing the close handshake); it and a failure both end the
 * connection ({@link #lost}).
 */
abstract class FeedSocket extends WebSocketListener {
    /** Set by the feed as soon as OkHttp made it; the events queue up behind that step, so they see it set. */
    volatile WebSocket socket;

    /**
     * A client on {@code shared}'s connection pool and dispatcher that pings every {@code interval}: OkHttp fails a
     * socket whose pong has not come back by the next ping (a silent drop).
     */
    static OkHttpClient pinging(OkHttpClient shared, Duration interval) {
        return shared.newBuilder()
                .pingInterval(interval.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** Hands {@code event} to the feed's thread. */
    abstract void post(Runnable event);

    /** On the feed's thread: the websocket is open. */
    abstract void opened();

    /** On the feed's thread: a text frame. */
    abstract void text(String text);

    /** On the feed's thread: a binary frame. */
    abstract void binary(ByteString bytes);

    /** On the feed's thread: the connection is over ({@code why}, for the log). */
    abstract void lost(String why);

    /** On OkHttp's thread: OkHttp is done with the socket (closed or failed). */
    void finished() {}

    @Override
    public final void onOpen(WebSocket webSocket, Response response) {
        post(this::opened);
    }

    @Override
    public final void onMessage(WebSocket webSocket, String text) {
        post(() -> text(text));
    }

    @Override
    public final void onMessage(WebSocket webSocket, ByteString bytes) {
        post(() -> binary(bytes));
    }

    @Override
    public final void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null); // completes the close handshake the server began
        post(() -> lost("closed by the server, code " + code));
    }

    @Override
    public final void onClosed(WebSocket webSocket, int code, String reason) {
        finished();
    }

    @Override
    public final void onFailure(WebSocket webSocket, Throwable t, Response response) {
        finished();
        String why = response != null
                ? "handshake answered HTTP " + response.code()
                : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        post(() -> lost(why));
    }
}
