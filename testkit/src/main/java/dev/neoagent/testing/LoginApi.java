package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.Accounts.Account;
import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.time.Instant;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;

/** {@code tradeApiLogin} (TOTP → view session) and {@code tradeApiValidate} (MPIN → trade session). */
final class LoginApi {
    private final KotakState state;

    LoginApi(KotakState state) {
        this.state = state;
    }

    MockResponse login(RecordedCall call, Instant now) {
        JsonNode body = Json.parseOrNull(call.body());
        if (body == null || !body.isObject()) {
            return Replies.badRequest("Invalid request body");
        }
        String mobile = field(body, "mobileNumber");
        String ucc = field(body, "ucc");
        String totp = field(body, "totp");
        // Field names in the message are capitalised like the backend's model ("MobileNumber").
        if (mobile == null) {
            return Replies.missingField("MobileNumber");
        }
        if (ucc == null) {
            return Replies.missingField("Ucc");
        }
        if (totp == null) {
            return Replies.missingField("Totp");
        }
        Account account = state.accounts.byConsumerKey(call.header("Authorization"));
        if (account == null
                || !account.user.ucc().equals(ucc)
                || !account.user.mobileNumber().equals(mobile)
                || !Totp.matches(account.totpSecret, totp, now)) {
            return Replies.loginError("Invalid credentials or TOTP.");
        }
        Accounts.ViewSession view = state.accounts.openView(account, now);
        return Replies.json(200, wrap(sessionData(account, view.token(), view.sid(), "View", null)));
    }

    MockResponse validate(RecordedCall call, Instant now) {
        Account account = state.accounts.byConsumerKey(call.header("Authorization"));
        if (account == null) {
            return Replies.loginError("Invalid credentials or TOTP.");
        }
        Accounts.ViewSession view = state.accounts.view(call.header("Auth"));
        if (view == null
                || !view.sid().equals(call.header("sid"))
                || !view.ucc().equals(account.user.ucc())) {
            return Replies.loginError("Invalid session");
        }
        JsonNode body = Json.parseOrNull(call.body());
        if (body == null || !body.isObject()) {
            return Replies.badRequest("Invalid request body");
        }
        String mpin = field(body, "mpin");
        if (mpin == null) {
            return Replies.missingField("Mpin");
        }
        if (!mpin.equals(account.user.mpin())) {
            return Replies.loginError("Invalid MPIN.");
        }
        Accounts.TradeSession trade = state.accounts.openTrade(account, now);
        ObjectNode data = sessionData(account, trade.token(), trade.sid(), "Trade", state.baseUrl());
        if (state.advertisedFeedUrl != null) {
            data.put("feedUrl", state.advertisedFeedUrl); // kotak-neo-examples.md §2: newer accounts get it
        }
        return Replies.json(200, wrap(data));
    }

    private static String field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static ObjectNode wrap(ObjectNode data) {
        ObjectNode body = Json.object();
        body.set("data", data);
        return body;
    }

    /** The {@code data} object of both login steps (examples §1/§2); validate adds baseUrl. */
    private ObjectNode sessionData(Account account, String token, String sid, String kind, String baseUrl) {
        ObjectNode data = Json.object();
        data.put("token", token);
        data.put("sid", sid);
        data.put("rid", UUID.randomUUID().toString());
        if (baseUrl != null) {
            data.put("baseUrl", baseUrl);
        }
        String rtUrl = baseUrl == null ? null : state.feeds.rtUrl(state.loginUrl);
        if (rtUrl != null) {
            data.put("rtUrl", rtUrl);
        }
        data.put("hsServerId", "");
        data.put("isUserPwdExpired", false);
        data.put("ucc", account.user.ucc());
        data.put("greetingName", "TEST " + account.user.ucc());
        data.put("isTrialAccount", false);
        data.put("dataCenter", "E43");
        data.put("searchAPIKey", "");
        data.put("derivativesRiskDisclosure", "Risk Disclosure on Derivatives");
        data.put("mfAccess", 1);
        data.putNull("dataCenterMap");
        data.put("dormancyStatus", "A");
        data.put("asbaStatus", "");
        data.put("clientType", "RI");
        data.put("isNRI", false);
        data.put("kId", account.pan);
        data.put("kType", kind);
        data.put("status", "success");
        data.put("incRange", 0);
        data.put("incUpdFlag", "");
        data.put("clientGroup", "");
        data.put("kraStatus", "");
        data.put("rcFlag", 0);
        return data;
    }
}
