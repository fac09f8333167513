package dev.neoagent.testing;

import static dev.neoagent.testing.KotakTestClient.placeFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.Fault;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import dev.neoagent.testing.KotakTestClient.Resp;
import dev.neoagent.testing.KotakTestClient.Session;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FakeKotakFaultsTest {
    private static final String PLACE = "/quick/order/rule/ms/place";

    private FakeKotakServer fake;
    private KotakTestClient client;
    private FakeUser user;
    private Session session;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        user = fake.addUser("AB123");
        session = client.login(user);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static Map<String, String> order() {
        return placeFields("nse_fo", "NIFTY2692221000PE", "B", "65", "MKT", "0", "NRML", "f1");
    }

    @ParameterizedTest
    @EnumSource(SessionExpiry.class)
    void expiredSessionsAnswerInTheChosenStyleUntilReLogin(SessionExpiry style) {
        fake.expireSessions(style);
        Resp resp = client.get(session, "/quick/user/orders");
        switch (style) {
            case STCODE_1003 -> {
                assertThat(resp.status()).isEqualTo(200);
                assertThat(resp.json().get("stat").asText()).isEqualTo("Not_Ok");
                assertThat(resp.json().get("emsg").asText()).isEqualTo("Invalid session");
                assertThat(resp.json().get("stCode").asInt()).isEqualTo(1003);
            }
            case STCODE_100022 -> {
                assertThat(resp.status()).isEqualTo(200);
                assertThat(resp.json().get("stCode").asInt()).isEqualTo(100022);
                assertThat(resp.json().get("errMsg").asText()).isEqualTo("invalid session token");
                assertThat(resp.json().get("stat").asText()).isEqualTo("Not_Ok");
            }
            case HTTP_401 -> {
                assertThat(resp.status()).isEqualTo(401);
                assertThat(resp.body()).isEmpty();
            }
            case HTTP_403 -> {
                assertThat(resp.status()).isEqualTo(403);
                assertThat(resp.json().get("message").asText())
                        .isEqualTo("Invalid session, please re-login to continue");
                assertThat(resp.json().has("stCode")).isFalse();
            }
        }
        // The answer sticks to the old token for every trade call...
        assertThat(client.place(session, order()).status()).isEqualTo(resp.status());
        assertThat(fake.orders("AB123")).isEmpty();
        // ...until the client logs in again.
        Session fresh = client.login(user);
        assertThat(client.get(fresh, "/quick/user/orders").json().get("stat").asText())
                .isEqualTo("Ok");
        assertThat(fake.loginCount("AB123")).isEqualTo(2);
    }

    @Test
    void http500BareIsNotExecuted() {
        fake.failNext(PLACE, Fault.http500Bare());
        Resp resp = client.place(session, order());
        assertThat(resp.status()).isEqualTo(500);
        assertThat(resp.body()).isEqualTo("<html>Internal Server Error</html>");
        assertThat(fake.orders("AB123")).isEmpty();
        // only once
        client.placeOk(session, order());
        assertThat(fake.orders("AB123")).hasSize(1);
        assertThat(fake.requestsTo(PLACE)).hasSize(2);
    }

    @Test
    void http500KotakIsNotExecuted() {
        fake.failNext(PLACE, Fault.http500Kotak());
        Resp resp = client.place(session, order());
        assertThat(resp.status()).isEqualTo(500);
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1005);
        assertThat(resp.json().get("emsg").asText()).isEqualTo("Internal error");
        assertThat(fake.orders("AB123")).isEmpty();
    }

    @Test
    void arbitraryHttpFault() {
        fake.failNext("/quick/user/orders", Fault.http(429, "{\"message\":\"Too many requests\"}"));
        fake.failNext("/quick/user/orders", Fault.http(502, "Bad Gateway"));
        assertThat(client.get(session, "/quick/user/orders").status()).isEqualTo(429);
        Resp second = client.get(session, "/quick/user/orders");
        assertThat(second.status()).isEqualTo(502);
        assertThat(second.body()).isEqualTo("Bad Gateway");
        assertThat(client.get(session, "/quick/user/orders").status()).isEqualTo(200);
    }

    @Test
    void pendingFaultsCountsWhatIsQueuedForThatSuffixUntilItIsApplied() {
        fake.failNext(PLACE, Fault.http500Bare());
        fake.rejectNextOrderAfterAck("RMS:Margin Exceeds");
        fake.failNext("/quick/user/orders", Fault.http(502, "Bad Gateway"));
        assertThat(fake.pendingFaults(PLACE)).isEqualTo(2);
        assertThat(fake.pendingFaults("/quick/user/orders")).isEqualTo(1);
        assertThat(fake.pendingFaults("/quick/order/cancel")).isZero();

        assertThat(client.place(session, order()).status()).isEqualTo(500);
        assertThat(fake.pendingFaults(PLACE)).isEqualTo(1);
        client.placeOk(session, order());
        assertThat(fake.pendingFaults(PLACE)).isZero();
        assertThat(fake.pendingFaults("/quick/user/orders")).isEqualTo(1);
    }

    @Test
    void faultOnTheLoginPath() {
        fake.failNext("/login/1.0/tradeApiLogin", Fault.http(424, "{\"message\":\"dependency\"}"));
        assertThat(client.totpLogin(user).status()).isEqualTo(424);
        assertThat(client.totpLogin(user).status()).isEqualTo(200);
    }

    @Test
    void delayExecutesAndAnswersLate() {
        fake.failNext(PLACE, Fault.delay(Duration.ofMillis(400)));
        long started = System.nanoTime();
        client.placeOk(session, order());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(fake.orders("AB123")).hasSize(1);
    }

    @Test
    void delayLongerThanTheClientTimeoutStillExecutes() {
        fake.failNext(PLACE, Fault.delay(Duration.ofSeconds(1)));
        OkHttpClient impatient =
                client.http.newBuilder().readTimeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> impatient
                        .newCall(new okhttp3.Request.Builder()
                                .url(session.baseUrl() + PLACE)
                                .header("Sid", session.sid())
                                .header("Auth", session.token())
                                .post(okhttp3.RequestBody.create(
                                        KotakTestClient.form(KotakTestClient.pythonJson(order())),
                                        KotakTestClient.FORM))
                                .build())
                        .execute())
                .isInstanceOf(java.io.InterruptedIOException.class);
        assertThat(fake.orders("AB123")).hasSize(1);
    }

    @Test
    void disconnectAfterAcceptRecordsTheOrderButNeverAnswers() {
        fake.failNext(PLACE, Fault.disconnectAfterAccept());
        assertThatThrownBy(() -> client.place(session, order())).isInstanceOf(UncheckedIOException.class);
        assertThat(fake.requestsTo(PLACE)).hasSize(1);
        assertThat(fake.orders("AB123")).hasSize(1);
        assertThat(fake.orders("AB123").getFirst().tag()).isEqualTo("f1");
        JsonNode book = client.get(session, "/quick/user/orders").json();
        assertThat(book.get("data").get(0).get("GuiOrdId").asText()).isEqualTo("f1");
    }

    @Test
    void rmsRejectAcceptsThenRejects() {
        fake.failNext(PLACE, Fault.rmsReject("RMS:Margin Exceeds"));
        String orderNo = client.placeOk(session, order());
        JsonNode row =
                client.get(session, "/quick/user/orders").json().get("data").get(0);
        assertThat(row.get("nOrdNo").asText()).isEqualTo(orderNo);
        assertThat(row.get("ordSt").asText()).isEqualTo("rejected");
        assertThat(row.get("rejRsn").asText()).isEqualTo("RMS:Margin Exceeds");
        assertThat(row.get("exOrdId").asText()).isEqualTo("NA");
        assertThat(fake.orders("AB123").getFirst().rejectReason()).isEqualTo("RMS:Margin Exceeds");
        assertThat(fake.orderStatusHistory("AB123", orderNo))
                .containsExactly("put order req received", "validation pending", "rejected");
        assertThat(client.get(session, "/quick/user/trades").json().get("data")).isEmpty();
        Resp cancel = client.post(session, "/quick/order/cancel", "{\"on\": \"" + orderNo + "\", \"am\": \"NO\"}");
        assertThat(cancel.json().get("stCode").asInt()).isEqualTo(1006);
    }

    @Test
    void apiRejectIsNotExecuted() {
        fake.failNext(PLACE, Fault.apiReject(1004, "Insufficient balance."));
        Resp resp = client.place(session, order());
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.json().get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(resp.json().get("emsg").asText()).isEqualTo("Insufficient balance.");
        assertThat(resp.json().get("stCode").asInt()).isEqualTo(1004);
        assertThat(fake.orders("AB123")).isEmpty();
    }

    @Test
    void staticIpFaults() {
        fake.failNext(PLACE, Fault.staticIp100008());
        fake.failNext("/quick/order/cancel", Fault.staticIp1037());
        Resp place = client.place(session, order());
        assertThat(place.status()).isEqualTo(200);
        assertThat(place.json().get("stCode").asInt()).isEqualTo(100008);
        assertThat(place.json().get("errMsg").asText()).isEqualTo("unauthorized");
        assertThat(place.json().get("stat").asText()).isEqualTo("Not_Ok");
        assertThat(fake.orders("AB123")).isEmpty();

        Resp cancel = client.post(session, "/quick/order/cancel", "{\"on\": \"1\", \"am\": \"NO\"}");
        assertThat(cancel.json().get("stCode").asInt()).isEqualTo(1037);
        assertThat(cancel.json().get("errMsg").asText()).isEqualTo("session ip doesnt match with reqest ip");
    }

    @Test
    void faultsWaitForTheirOwnPath() {
        fake.failNext("/quick/order/cancel", Fault.http500Bare());
        client.placeOk(session, order());
        assertThat(client.get(session, "/quick/user/orders").status()).isEqualTo(200);
        assertThat(client.post(session, "/quick/order/cancel", "{\"on\": \"1\", \"am\": \"NO\"}")
                        .status())
                .isEqualTo(500);
    }
}
