package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeMarketFeed.Index;
import dev.neoagent.testing.FakeMarketFeed.Malformed;
import dev.neoagent.testing.KotakTestClient.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake SFeed, driven by a bare OkHttp websocket that reads the bytes by hand (none of the production client's
 * logic): the auth check, the 1119 and 1109 replies, the packets' layout, drops.
 */
class FakeMarketFeedTest {
    private FakeKotakServer fake;
    private FakeUser user;
    private Session session;
    private final OkHttpClient http = new OkHttpClient();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private WebSocket socket;

    /** What the bare client heard, in order. */
    record Closing(int code) {}

    record Failure(String what) {}

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        user = fake.addUser("AB123");
        session = new KotakTestClient(fake).login(user);
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.cancel();
        }
        fake.close();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void validateAdvertisesTheFeedOnTheSameHost() {
        assertThat(validateData().path("feedUrl").asText()).isEqualTo(fake.loginUrl() + "/feed");
        assertThat(fake.marketFeed().url()).isEqualTo(fake.loginUrl() + "/feed");

        fake.marketFeed().advertiseUrl(null);
        assertThat(validateData().has("feedUrl")).isFalse();
    }

    @Test
    void authWithUccAndSidGetsDividersThenIndexTicksAfterSubscribing() throws Exception {
        connect();
        socket.send(auth(user.ucc(), session.sid()));
        JsonNode reply = json(next());
        assertThat(reply.path("message_code").asInt()).isEqualTo(1119);
        assertThat(reply.path("exchanges").path("nse_cm").path("value").asInt()).isEqualTo(1);
        assertThat(reply.path("exchanges").path("nse_cm").path("divider").asLong())
                .isEqualTo(100);
        assertThat(reply.path("exchanges").path("cde_fo").path("divider").asLong())
                .isEqualTo(10_000_000);
        assertThat(fake.marketFeed().sendIndex(Index.NIFTY_50, new BigDecimal("25980.35")))
                .as("no ticks before a subscription")
                .isZero();

        socket.send("{\"event\":\"subscribeIndices\",\"inputtoken\":\"nse_cm|Nifty 50,nse_cm|Nifty Bank\","
                + "\"ack_symbol\":true}");
        JsonNode ack = json(next());
        assertThat(ack.path("message_code").asInt()).isEqualTo(1109);
        assertThat(ack.path("trading_symbols").path("nse_cm|26000").asText()).isEqualTo("Nifty 50");
        assertThat(ack.path("trading_symbols").path("nse_cm|26009").asText()).isEqualTo("Nifty Bank");
        assertThat(fake.marketFeed().subscribers()).isEqualTo(1);

        assertThat(fake.marketFeed().sendIndex(Index.NIFTY_BANK, new BigDecimal("59120.10"), 1_786_442_392L))
                .isEqualTo(1);
        ByteBuffer packet = bytes(next());
        assertThat(packet.remaining()).isEqualTo(87);
        assertThat(packet.getShort(0) & 0xffff).isEqualTo(87);
        assertThat(packet.getShort(2) & 0xffff).isEqualTo(7207);
        assertThat(packet.get(4)).isEqualTo((byte) 1);
        assertThat(packet.getInt(9)).isEqualTo(26009);
        assertThat(packet.getInt(29)).isEqualTo(5_912_010);
        assertThat(packet.getLong(33)).isEqualTo(1_786_442_392L);
        byte[] name = new byte[21];
        packet.get(66, name);
        assertThat(new String(name, StandardCharsets.US_ASCII)).startsWith("Nifty Bank\0");

        assertThat(fake.marketFeed().authFrames()).hasSize(1);
        assertThat(fake.marketFeed().subscribeFrames()).hasSize(1);
        assertThat(fake.marketFeed().connections()).isEqualTo(1);
    }

    @Test
    void aBatchLaysPacketsEndToEndAndDividersScaleThem() throws Exception {
        fake.marketFeed().setDivider("nse_cm", 10_000);
        fake.marketFeed().setAuthReplyCode(1117);
        authenticated();
        FakeMarketFeed feed = fake.marketFeed();
        feed.sendBatch(
                feed.indexPacket(Index.NIFTY_50, new BigDecimal("25980.35"), 0),
                feed.marketPicturePacket("nse_fo", 58801, new BigDecimal("95.05"), 1_234_500),
                feed.marketStatusPacket("nse_cm", 1));
        ByteBuffer frame = bytes(next());
        assertThat(frame.getInt(29)).isEqualTo(259_803_500);
        int second = frame.getShort(0) & 0xffff;
        assertThat(frame.getShort(second) & 0xffff).isEqualTo(144 + 2 * 16);
        assertThat(frame.get(second + 5)).as("level").isEqualTo((byte) 4);
        assertThat(frame.getInt(second + 69)).as("ltp, nse_fo divider 100").isEqualTo(9505);
        assertThat(frame.getInt(second + 103)).as("open interest").isEqualTo(1_234_500);
        int third = second + (frame.getShort(second) & 0xffff);
        assertThat(frame.getShort(third + 2) & 0xffff).isEqualTo(105);
        assertThat(frame.getShort(third + 9) & 0xffff).isEqualTo(1);
        assertThat(frame.limit()).isEqualTo(third + 16);
    }

    @Test
    void aWrongSidIsRefusedWith1120AndClosed() throws Exception {
        connect();
        socket.send(auth(user.ucc(), "not-the-sid"));
        assertThat(json(next()).path("message_code").asInt()).isEqualTo(1120);
        assertThat(next()).isInstanceOf(Closing.class);
        assertThat(fake.marketFeed().authFrames().get(0).path("auth").asText()).isEqualTo("not-the-sid");
    }

    @Test
    void dropSendsACloseFrameAndDropAbruptlyCutsTheSocket() throws Exception {
        authenticated();
        fake.marketFeed().drop();
        assertThat(next()).isEqualTo(new Closing(1001));
        socket.close(1000, null);

        events.clear();
        authenticated();
        fake.marketFeed().dropAbruptly();
        assertThat(next()).isInstanceOf(Failure.class);
        await().until(() -> fake.marketFeed().openConnections() == 0);
        assertThat(fake.marketFeed().connections()).isEqualTo(2);
    }

    @Test
    void malformedInputAndStallsGoToAuthenticatedConnections() throws Exception {
        authenticated();
        FakeMarketFeed feed = fake.marketFeed();
        feed.sendMalformed(Malformed.LENGTH_BEYOND_FRAME);
        ByteBuffer beyond = bytes(next());
        assertThat(beyond.getShort(0) & 0xffff).isEqualTo(200);
        assertThat(beyond.remaining()).isEqualTo(87);
        feed.sendMalformed(Malformed.TRUNCATED_PACKET);
        ByteBuffer truncated = bytes(next());
        assertThat(truncated.remaining()).isEqualTo(40);
        assertThat(truncated.getShort(0) & 0xffff).isEqualTo(40);
        feed.sendMalformed(Malformed.NOT_JSON);
        assertThat(next()).isInstanceOf(String.class);

        feed.stall();
        assertThat(feed.sendMalformed(Malformed.UNKNOWN_MESSAGE_CODE)).isZero();
        assertThat(feed.openConnections()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- a bare client

    private void connect() {
        String url = fake.marketFeed().url().replaceFirst("^http", "ws");
        socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                events.add(text);
            }

            @Override
            public void onMessage(WebSocket webSocket, ByteString bytes) {
                events.add(bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                events.add(new Closing(code));
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                events.add(new Failure(t.toString()));
            }
        });
    }

    private JsonNode validateData() {
        KotakTestClient client = new KotakTestClient(fake);
        JsonNode view = client.totpLogin(user).json().path("data");
        return client.validate(
                        user.consumerKey(),
                        view.path("sid").asText(),
                        view.path("token").asText(),
                        "{\"mpin\": \"" + user.mpin() + "\"}")
                .json()
                .path("data");
    }

    private void authenticated() throws InterruptedException {
        connect();
        socket.send(auth(user.ucc(), session.sid()));
        assertThat(json(next()).path("message_code").asInt()).isIn(1117, 1119);
    }

    private static String auth(String user, String sid) {
        return "{\"user\":\"" + user + "\",\"auth\":\"" + sid + "\",\"format\":\"native_batch\","
                + "\"source\":\"NEOTRADEAPI\",\"platform\":\"Web\",\"version\":\"1.2.3\",\"sdk_version\":2,"
                + "\"sdk_date\":\"2026-08-07T09:41:17.667Z\",\"conn_req_time\":1786442392000,"
                + "\"sessionValidation\":false}";
    }

    private Object next() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private static JsonNode json(Object event) {
        assertThat(event).isInstanceOf(String.class);
        try {
            return KotakTestClient.MAPPER.readTree((String) event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer bytes(Object event) {
        assertThat(event).isInstanceOf(ByteString.class);
        return ByteBuffer.wrap(((ByteString) event).toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }
}
