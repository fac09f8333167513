package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.testing.FakeKotakServer.FakeUser;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import dev.neoagent.testing.KotakTestClient.Resp;
import dev.neoagent.testing.KotakTestClient.Session;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FakeKotakLoginTest {
    private FakeKotakServer fake;
    private KotakTestClient client;
    private FakeUser user;

    @BeforeEach
    void start() {
        fake = FakeKotakServer.start();
        client = new KotakTestClient(fake);
        user = fake.addUser("AB123");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void urlsPointAtLoopbackAndBaseUrlHasAPrefix() {
        assertThat(fake.loginUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(fake.baseUrl()).isEqualTo(fake.loginUrl() + "/gw/e43");
    }

    @Test
    void closeIsIdempotent() {
        FakeKotakServer other = FakeKotakServer.start();
        other.close();
        other.close();
    }

    @Test
    void duplicateUserIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.addUser("AB123"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addUserCreatesRealisticCredentials() {
        assertThat(user.ucc()).isEqualTo("AB123");
        assertThat(user.mobileNumber()).matches("\\+9198765\\d{5}");
        assertThat(user.mpin()).matches("\\d{6}");
        assertThat(user.totpSecretBase32()).matches("[A-Z2-7]{32}");
        assertThat(user.consumerKey()).isNotBlank();
        assertThat(fake.user("AB123")).isEqualTo(user);
    }

    @Test
    void loginAndValidateHappyPath() {
        Resp view = client.totpLogin(user);
        assertThat(view.status()).isEqualTo(200);
        JsonNode viewData = view.json().get("data");
        assertThat(viewData.get("kType").asText()).isEqualTo("View");
        assertThat(viewData.get("status").asText()).isEqualTo("success");
        assertThat(viewData.get("ucc").asText()).isEqualTo("AB123");
        assertThat(viewData.get("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(viewData.get("sid").asText()).matches("[0-9a-f-]{36}");
        assertThat(viewData.get("hsServerId").asText()).isEmpty();
        assertThat(viewData.has("baseUrl")).isFalse();

        Resp trade = client.validate(
                user.consumerKey(),
                viewData.get("sid").asText(),
                viewData.get("token").asText(),
                "{\"mpin\": \"" + user.mpin() + "\"}");
        assertThat(trade.status()).isEqualTo(200);
        JsonNode data = trade.json().get("data");
        assertThat(data.get("kType").asText()).isEqualTo("Trade");
        assertThat(data.get("baseUrl").asText()).isEqualTo(fake.baseUrl());
        assertThat(data.get("dataCenter").asText()).isEqualTo("E43");
        assertThat(data.get("token").asText())
                .isNotEqualTo(viewData.get("token").asText());
        assertThat(fake.loginCount("AB123")).isEqualTo(1);

        RecordedCall loginCall = fake.requestsTo("/login/1.0/tradeApiLogin").getFirst();
        assertThat(loginCall.header("authorization")).isEqualTo(user.consumerKey());
        assertThat(loginCall.header("NEO-FIN-KEY")).isEqualTo("neotradeapi");
    }

    @Test
    void totpOfThePreviousWindowIsAccepted() {
        String previous = user.totpAt(Instant.now().minus(Duration.ofSeconds(30)));
        Resp resp = client.totpLogin(user.consumerKey(), body(user.mobileNumber(), "AB123", previous));
        assertThat(resp.status()).isEqualTo(200);
    }

    @Test
    void wrongTotpIsRejected() {
        Resp resp = client.totpLogin(user.consumerKey(), body(user.mobileNumber(), "AB123", wrongTotp()));
        assertThat(resp.status()).isEqualTo(401);
        assertThat(resp.json().get("status").asText()).isEqualTo("error");
        assertThat(resp.json().get("message").asText()).isEqualTo("Invalid credentials or TOTP.");
        assertThat(resp.json().get("errorCode").asText()).isEqualTo("401");
    }

    @Test
    void wrongMobileUccOrConsumerKeyIsRejected() {
        assertThat(client.totpLogin(user.consumerKey(), body("+919999999999", "AB123", user.totpNow()))
                        .status())
                .isEqualTo(401);
        assertThat(client.totpLogin(user.consumerKey(), body(user.mobileNumber(), "ZZ999", user.totpNow()))
                        .status())
                .isEqualTo(401);
        Resp unknownKey = client.totpLogin("not-a-key", body(user.mobileNumber(), "AB123", user.totpNow()));
        assertThat(unknownKey.status()).isEqualTo(401);
        assertThat(unknownKey.json().get("message").asText()).isEqualTo("Invalid credentials or TOTP.");
    }

    @ParameterizedTest
    @CsvSource({"mobileNumber,MobileNumber", "ucc,Ucc", "totp,Totp"})
    void missingLoginFieldIsNamed(String jsonField, String reportedName) {
        String json = switch (jsonField) {
            case "mobileNumber" -> "{\"ucc\": \"AB123\", \"totp\": \"123456\"}";
            case "ucc" -> "{\"mobileNumber\": \"" + user.mobileNumber() + "\", \"totp\": \"123456\"}";
            default -> "{\"mobileNumber\": \"" + user.mobileNumber() + "\", \"ucc\": \"AB123\"}";
        };
        Resp resp = client.totpLogin(user.consumerKey(), json);
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.json().get("error").get(0).get("code").asText()).isEqualTo("400");
        assertThat(resp.json().get("error").get(0).get("message").asText())
                .isEqualTo("Missing required field '" + reportedName + "'");
    }

    @Test
    void wrongMpinIsRejectedAndNotCounted() {
        JsonNode view = client.totpLogin(user).json().get("data");
        String wrong = user.mpin().equals("000000") ? "111111" : "000000";
        Resp resp = client.validate(
                user.consumerKey(),
                view.get("sid").asText(),
                view.get("token").asText(),
                "{\"mpin\": \"" + wrong + "\"}");
        assertThat(resp.status()).isEqualTo(401);
        assertThat(resp.json().get("message").asText()).isEqualTo("Invalid MPIN.");
        assertThat(resp.json().get("errorCode").asText()).isEqualTo("401");
        assertThat(fake.loginCount("AB123")).isZero();
    }

    @Test
    void missingMpinIs400() {
        JsonNode view = client.totpLogin(user).json().get("data");
        Resp resp = client.validate(
                user.consumerKey(), view.get("sid").asText(), view.get("token").asText(), "{}");
        assertThat(resp.status()).isEqualTo(400);
        assertThat(resp.json().get("error").get(0).get("message").asText()).isEqualTo("Missing required field 'Mpin'");
    }

    @Test
    void validateNeedsTheViewSession() {
        JsonNode view = client.totpLogin(user).json().get("data");
        Resp badToken = client.validate(
                user.consumerKey(), view.get("sid").asText(), "garbage", "{\"mpin\": \"" + user.mpin() + "\"}");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.json().get("status").asText()).isEqualTo("error");
        assertThat(badToken.json().get("message").asText()).isEqualTo("Invalid session");
        Resp badSid = client.validate(
                user.consumerKey(), "other-sid", view.get("token").asText(), "{\"mpin\": \"" + user.mpin() + "\"}");
        assertThat(badSid.status()).isEqualTo(401);
    }

    @Test
    void aNewValidateReplacesThePreviousTradeSession() {
        Session first = client.login(user);
        Session second = client.login(user);
        assertThat(fake.loginCount("AB123")).isEqualTo(2);

        Resp old = client.get(first, "/quick/user/orders");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.json().get("stCode").asInt()).isEqualTo(1003);
        assertThat(old.json().get("emsg").asText()).isEqualTo("Invalid session");
        assertThat(client.get(second, "/quick/user/orders").json().get("stat").asText())
                .isEqualTo("Ok");
    }

    @Test
    void sessionsOfDifferentUsersAreIndependent() {
        FakeUser other = fake.addUser("CD456");
        Session a = client.login(user);
        Session b = client.login(other);
        client.placeOk(a, KotakTestClient.placeFields("nse_cm", "IDEA-EQ", "B", "1", "MKT", "0", "CNC", null));
        assertThat(client.get(a, "/quick/user/orders").json().get("data")).hasSize(1);
        assertThat(client.get(b, "/quick/user/orders").json().get("data")).isEmpty();
    }

    @Test
    void loginPathsDoNotExistUnderThePrefix() {
        Resp resp = client.execute(new okhttp3.Request.Builder()
                .url(fake.baseUrl() + "/login/1.0/tradeApiLogin")
                .header("Authorization", user.consumerKey())
                .post(okhttp3.RequestBody.create(
                        body(user.mobileNumber(), "AB123", user.totpNow()), KotakTestClient.JSON))
                .build());
        assertThat(resp.status()).isEqualTo(404);
    }

    private static String body(String mobile, String ucc, String totp) {
        return "{\"mobileNumber\": \"" + mobile + "\", \"ucc\": \"" + ucc + "\", \"totp\": \"" + totp + "\"}";
    }

    /** A 6-digit code guaranteed to differ from every code the fake accepts around now. */
    private String wrongTotp() {
        Instant now = Instant.now();
        int code = Integer.parseInt(user.totpAt(now.minus(Duration.ofMinutes(10))));
        while (true) {
            String candidate = String.format("%06d", code);
            boolean accepted = false;
            for (int window = -2; window <= 2; window++) {
                accepted |= candidate.equals(user.totpAt(now.plusSeconds(30L * window)));
            }
            if (!accepted) {
                return candidate;
            }
            code = (code + 1) % 1_000_000;
        }
    }
}
