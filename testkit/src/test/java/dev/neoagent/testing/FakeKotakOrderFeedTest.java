package dev.neoagent.testing;

import static dev.neoagent.testing.KotakTestClient.placeFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeOrder;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import dev.neoagent.testing.FakeOrderFeed.AcceptedForms;
import dev.neoagent.testing.FakeOrderFeed.Form;
import dev.neoagent.testing.FakeOrderFeed.Handshake;
import dev.neoagent.testing.FakeOrderFeed.Outcome;
import dev.neoagent.testing.KotakTestClient.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake order-update feed, driven by a plain OkHttp websocket that speaks the reference's frames. */
class FakeKotakOrderFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OkHttpClient http = new OkHttpClient();
    private final List<FeedClient> clients = new ArrayList<>();
    private FakeKotakServer fake;
    private KotakTestClient rest;
    private FakeUser user;
    private Session session;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        rest = new KotakTestClient(fake);
        user = fake.addUser("AB123");
        session = rest.login(user);
    }

    @AfterEach
    void stop() {
        clients.forEach(c -> c.socket.cancel());
        fake.close();
        http.dispatcher().executorService().shutdown();
    }

    /** A websocket client that keeps every frame and event it received. */
    private static final class FeedClient extends WebSocketListener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        volatile WebSocket socket;
        volatile boolean ended;
        volatile Response refusedUpgrade;

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            frames.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            ended = true;
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            refusedUpgrade = response;
            ended = true;
        }

        JsonNode next() {
            try {
                String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(frame).as("a frame within %s", WAIT).isNotNull();
                return KotakTestClient.MAPPER.readTree(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private FeedClient open(String url) {
        FeedClient client = new FeedClient();
        client.socket = http.newWebSocket(new Request.Builder().url(url).build(), client);
        clients.add(client);
        return client;
    }

    private String feedUrl() {
        return fake.loginUrl().replace("http://", "ws://") + "/realtime";
    }

    private static String json(String token, String sid) {
        return "{\"type\":\"cn\",\"Authorization\":\"" + token + "\",\"Sid\":\"" + sid + "\",\"src\":\"WEB\"}";
    }

    private static String raw(String token, String sid) {
        return "{type:cn,Authorization:" + token + ",Sid:" + sid + ",src:WEB}";
    }

    private FeedClient connected() {
        FeedClient client = open(feedUrl());
        client.socket.send(json(session.token(), session.sid()));
        assertThat(client.next().get("ak").asText()).isEqualTo("ok");
        return client;
    }

    @Test
    void theJsonHandshakeIsAnsweredOkAndAPlacedOrdersStatesArriveAsInTheOrderBook() {
        FeedClient client = open(feedUrl());
        client.socket.send(json(session.token(), session.sid()));

        JsonNode ak = client.next();
        assertThat(ak.get("ak").asText()).isEqualTo("ok");
        assertThat(ak.get("msg").asText()).isEqualTo("connected");
        assertThat(fake.orderFeed("AB123").connections()).isEqualTo(1);
        assertThat(fake.orderFeed("AB123").handshakes()).containsExactly(new Handshake(Form.JSON, Outcome.ACCEPTED));

        String orderNo =
                rest.placeOk(session, placeFields("nse_fo", "NIFTY2692221000PE", "B", "65", "MKT", "0", "NRML", "t1"));

        List<String> states = new ArrayList<>();
        JsonNode last = null;
        for (int i = 0; i < 5; i++) {
            JsonNode message = client.next();
            assertThat(message.get("type").asText()).isEqualTo("order");
            assertThat(message.get("data").get("nOrdNo").asText()).isEqualTo(orderNo);
            states.add(message.get("data").get("ordSt").asText());
            last = message.get("data");
        }
        assertThat(states)
                .containsExactly("put order req received", "validation pending", "open pending", "open", "complete");
        assertThat(states).isEqualTo(fake.orderStatusHistory("AB123", orderNo));
        JsonNode bookRow =
                rest.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(last).isEqualTo(bookRow);
        assertThat(last.get("GuiOrdId").asText()).isEqualTo("t1");
        assertThat(last.get("fldQty").asInt()).isEqualTo(65);
        assertThat(last.get("avgPrc").asText()).isEqualTo("120.50");
    }

    @Test
    void theRawFormIsAcceptedAndAFormTheFeedDoesNotTakeGetsNoAnswer() {
        fake.orderFeed("AB123").setAcceptedForms(AcceptedForms.RAW);
        FeedClient client = open(feedUrl());
        client.socket.send(json(session.token(), session.sid()));
        client.socket.send(raw(session.token(), session.sid()));

        assertThat(client.next().get("ak").asText()).isEqualTo("ok");
        assertThat(client.frames).isEmpty();
        assertThat(fake.orderFeed("AB123").handshakes())
                .containsExactly(new Handshake(Form.JSON, Outcome.IGNORED), new Handshake(Form.RAW, Outcome.ACCEPTED));
    }

    @Test
    void aTokenThatIsNoLongerTheSessionIsRefusedWithNkAndClosed() {
        fake.expireSessions(SessionExpiry.STCODE_1003);
        FeedClient client = open(feedUrl());
        client.socket.send(json(session.token(), session.sid()));

        JsonNode nk = client.next();
        assertThat(nk.get("ak").asText()).isEqualTo("nk");
        assertThat(nk.get("msg").asText()).isEqualTo("Authentication Failed");
        await().atMost(WAIT).until(() -> client.ended);
        assertThat(fake.orderFeed("AB123").handshakes()).containsExactly(new Handshake(Form.JSON, Outcome.REFUSED));
        assertThat(fake.orderFeed("AB123").connections()).isZero();
    }

    @Test
    void theRightTokenWithAnotherSessionsSidIsRefused() {
        FeedClient client = open(feedUrl());
        client.socket.send(raw(session.token(), "not-the-sid"));
        assertThat(client.next().get("ak").asText()).isEqualTo("nk");
    }

    @Test
    void refusingHandshakesRefusesEvenTheLiveSession() {
        fake.orderFeed("AB123").refuseHandshakes(true);
        FeedClient client = open(feedUrl());
        client.socket.send(json(session.token(), session.sid()));
        assertThat(client.next().get("ak").asText()).isEqualTo("nk");

        fake.orderFeed("AB123").refuseHandshakes(false);
        connected();
        assertThat(fake.orderFeed("AB123").handshakes())
                .extracting(Handshake::outcome)
                .containsExactly(Outcome.REFUSED, Outcome.ACCEPTED);
    }

    @Test
    void heartbeatsAreCountedAndDropClosesTheConnectionAtOnce() {
        FeedClient client = connected();
        client.socket.send("{\"type\":\"hb\"}");
        client.socket.send("{type:hb}");
        await().atMost(WAIT).until(() -> fake.orderFeed("AB123").heartbeats() == 2);

        fake.orderFeed("AB123").drop();

        await().atMost(WAIT).until(() -> client.ended);
        assertThat(fake.orderFeed("AB123").connections()).isZero();
    }

    @Test
    void partialAndRawFramesGoOutAsGiven() {
        FeedClient client = connected();
        fake.orderFeed("AB123").sendPartial("260101000000001", "cancelled");
        fake.orderFeed("AB123").sendRaw("not json at all");

        JsonNode partial = client.next();
        assertThat(partial.get("type").asText()).isEqualTo("order");
        assertThat(partial.get("data").get("nOrdNo").asText()).isEqualTo("260101000000001");
        assertThat(partial.get("data").get("ordSt").asText()).isEqualTo("cancelled");
        assertThat(partial.get("data").has("trdSym")).isFalse();
        await().atMost(WAIT).until(() -> "not json at all".equals(client.frames.peek()));
    }

    @Test
    void anOrderRejectedByRmsAfterTheAcknowledgementShowsTheRejectionLaterInTheBookAndOnTheFeed() {
        FeedClient client = connected();
        fake.rejectNextOrderAfterAck("RMS:Margin Exceeds", Duration.ofMillis(200));

        String orderNo =
                rest.placeOk(session, placeFields("nse_fo", "NIFTY2692221000PE", "B", "65", "MKT", "0", "NRML", "r1"));

        assertThat(client.next().get("data").get("ordSt").asText()).isEqualTo("put order req received");
        assertThat(client.next().get("data").get("ordSt").asText()).isEqualTo("validation pending");
        JsonNode rejected = client.next().get("data");
        assertThat(rejected.get("nOrdNo").asText()).isEqualTo(orderNo);
        assertThat(rejected.get("ordSt").asText()).isEqualTo("rejected");
        assertThat(rejected.get("rejRsn").asText()).isEqualTo("RMS:Margin Exceeds");
        assertThat(fake.orders("AB123").getFirst().status()).isEqualTo("rejected");
    }

    @Test
    void aModifyAndACancelGoOutOnTheFeedEvenWhenTheirRepliesAreLost() {
        FeedClient client = connected();
        String orderNo =
                rest.placeOk(session, placeFields("nse_fo", "NIFTY2692221000PE", "B", "65", "L", "100", "NRML", "m1"));
        for (int i = 0; i < 4; i++) {
            client.next(); // put order req received ... open
        }
        fake.failNext("/quick/order/vr/modify", FakeKotakServer.Fault.disconnectAfterAccept());
        fake.failNext("/quick/order/cancel", FakeKotakServer.Fault.disconnectAfterAccept());

        assertThatThrownBy(() -> rest.post(
                        session,
                        "/quick/order/vr/modify",
                        "{\"no\": \"" + orderNo + "\", \"pr\": \"101.5\", \"pt\": \"L\", \"qt\": \"65\"}"))
                .isInstanceOf(UncheckedIOException.class);
        JsonNode modified = client.next().get("data");
        JsonNode open = client.next().get("data");
        assertThatThrownBy(() ->
                        rest.post(session, "/quick/order/cancel", "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}"))
                .isInstanceOf(UncheckedIOException.class);
        JsonNode cancelled = client.next().get("data");

        assertThat(modified.get("nOrdNo").asText()).isEqualTo(orderNo);
        assertThat(modified.get("ordSt").asText()).isEqualTo("modified");
        assertThat(modified.get("prc").asText()).isEqualTo("101.50");
        assertThat(open.get("ordSt").asText()).isEqualTo("open");
        assertThat(cancelled.get("ordSt").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("cnlQty").asInt()).isEqualTo(65);
        assertThat(fake.orderStatusHistory("AB123", orderNo)).endsWith("open", "modified", "open", "cancelled");
    }

    @Test
    void anExternalOrderHasNoTagAndGoesOutOnTheFeed() {
        FeedClient client = connected();

        FakeOrder external =
                fake.addExternalOrder("AB123", "nse_cm", "RELIANCE-EQ", "S", 5, "L", new BigDecimal("3000.00"));

        assertThat(external.tag()).isNull();
        assertThat(external.status()).isEqualTo("open");
        JsonNode first = client.next().get("data");
        assertThat(first.get("nOrdNo").asText()).isEqualTo(external.orderNo());
        assertThat(first.get("GuiOrdId").asText()).isEmpty();
        JsonNode row =
                rest.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(row.get("nOrdNo").asText()).isEqualTo(external.orderNo());
        assertThat(row.get("ordSt").asText()).isEqualTo("open");
    }

    @Test
    void withAnRtUrlTheFeedMovesThereAndTheDefaultPathIsGone() {
        fake.advertiseRtUrl(true);

        JsonNode validate = validateData();
        String advertised = validate.get("rtUrl").asText();
        assertThat(advertised).isEqualTo(fake.loginUrl() + "/rt/e43/realtime");

        FeedClient old = open(feedUrl());
        await().atMost(WAIT).until(() -> old.ended);
        assertThat(old.refusedUpgrade.code()).isEqualTo(404);

        FeedClient client = open(advertised.replace("http://", "ws://"));
        client.socket.send(
                json(validate.get("token").asText(), validate.get("sid").asText()));
        assertThat(client.next().get("ak").asText()).isEqualTo("ok");
    }

    private JsonNode validateData() {
        JsonNode view = rest.totpLogin(user).json().get("data");
        return rest.validate(
                        user.consumerKey(),
                        view.get("sid").asText(),
                        view.get("token").asText(),
                        "{\"mpin\": \"" + user.mpin() + "\"}")
                .json()
                .get("data");
    }

    @Test
    void theExistingRmsFaultStillRejectsAtOnceAndTheRestOfTheFakeIsUnchanged() {
        fake.rejectNextOrderAfterAck("RMS:Margin Exceeds");
        String orderNo =
                rest.placeOk(session, placeFields("nse_fo", "NIFTY2692221000PE", "B", "65", "MKT", "0", "NRML", "r2"));
        assertThat(fake.orderStatusHistory("AB123", orderNo))
                .containsExactly("put order req received", "validation pending", "rejected");
        assertThat(rest.getUrl(fake.loginUrl() + "/realtime").status())
                .as("a plain GET is not an upgrade")
                .isEqualTo(426);
    }
}
