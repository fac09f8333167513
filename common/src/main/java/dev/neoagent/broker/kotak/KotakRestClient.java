package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neoagent.broker.BrokerException.AuthFailed;
import okhttp3.Request;

/**
 * One method per Kotak Neo endpoint, in wire terms: it builds the exact request (path, headers per
 * call family, {@code jData} body) and returns the checked JSON answer. No domain types here; the
 * adapter maps them. See {@code shared/reference/kotak-neo-wire.md} §2-§8.
 */
final class KotakRestClient {
    static final String LOGIN_PATH = "/login/1.0/tradeApiLogin";
    static final String VALIDATE_PATH = "/login/1.0/tradeApiValidate";
    static final String PLACE_PATH = "/quick/order/rule/ms/place";
    static final String MODIFY_PATH = "/quick/order/vr/modify";
    static final String CANCEL_PATH = "/quick/order/cancel";
    static final String ORDER_BOOK_PATH = "/quick/user/orders";
    static final String ORDER_HISTORY_PATH = "/quick/order/history";
    static final String TRADE_BOOK_PATH = "/quick/user/trades";
    static final String POSITIONS_PATH = "/quick/user/positions";
    static final String HOLDINGS_PATH = "/portfolio/v1/holdings";
    static final String LIMITS_PATH = "/quick/user/limits";

    private static final String NEO_FIN_KEY = "neotradeapi";

    private final KotakHttp http;
    private final KotakErrorMapper errors;
    private final KotakCredentials credentials;
    private final String loginBase;

    KotakRestClient(KotakHttp http, KotakErrorMapper errors, KotakCredentials credentials, KotakSettings settings) {
        this.http = http;
        this.errors = errors;
        this.credentials = credentials;
        this.loginBase = settings.loginBase();
    }

    // ---- login (fixed login host, consumer key in Authorization, JSON bodies) ----

    /** Step 1: TOTP login. Returns the {@code data} object holding the view token and sid. */
    JsonNode totpLogin(String totp) {
        String body = JData.of()
                .put("mobileNumber", credentials.mobileNumber())
                .put("ucc", credentials.ucc())
                .put("totp", totp)
                .json();
        Request request = new Request.Builder()
                .url(UrlJoin.join(loginBase, LOGIN_PATH))
                .header("Authorization", credentials.consumerKey().reveal())
                .header("neo-fin-key", NEO_FIN_KEY)
                .post(KotakHttp.json(body))
                .build();
        return errors.check(CallKind.LOGIN, AuthFailed.Step.TOTP_LOGIN, http.execute(CallKind.LOGIN, request));
    }

    /** Step 2: MPIN validate with the view session. Returns {@code data} with the trade token, sid and baseUrl. */
    JsonNode validate(String viewToken, String viewSid) {
        String body = JData.of().put("mpin", credentials.mpin().reveal()).json();
        Request request = new Request.Builder()
                .url(UrlJoin.join(loginBase, VALIDATE_PATH))
                .header("Authorization", credentials.consumerKey().reveal())
                .header("sid", viewSid)
                .header("Auth", viewToken)
                .header("neo-fin-key", NEO_FIN_KEY)
                .post(KotakHttp.json(body))
                .build();
        return errors.check(CallKind.LOGIN, AuthFailed.Step.MPIN_VALIDATE, http.execute(CallKind.LOGIN, request));
    }

    // ---- order mutations (form jData, trade session + consumer key) ----

    JsonNode place(KotakSession session, JData order) {
        return mutation(session, PLACE_PATH, order);
    }

    JsonNode modify(KotakSession session, JData modification) {
        return mutation(session, MODIFY_PATH, modification);
    }

    JsonNode cancel(KotakSession session, JData cancellation) {
        return mutation(session, CANCEL_PATH, cancellation);
    }

    private JsonNode mutation(KotakSession session, String path, JData body) {
        Request request = sessionRequest(session, path, "application/json")
                .header("Authorization", credentials.consumerKey().reveal())
                .post(KotakHttp.oneShotForm(body.formBody()))
                .build();
        return errors.check(CallKind.MUTATION, null, http.execute(CallKind.MUTATION, request));
    }

    // ---- reports (trade session) ----

    JsonNode orderBook(KotakSession session) {
        return get(session, ORDER_BOOK_PATH, "application/json");
    }

    JsonNode orderHistory(KotakSession session, String orderNo) {
        return postRead(session, ORDER_HISTORY_PATH, JData.of().put("nOrdNo", orderNo));
    }

    JsonNode tradeBook(KotakSession session) {
        return get(session, TRADE_BOOK_PATH, "application/json");
    }

    JsonNode positions(KotakSession session) {
        return get(session, POSITIONS_PATH, "application/json");
    }

    /** Holdings is the one report both SDKs fetch with {@code accept: *}{@code /*}. */
    JsonNode holdings(KotakSession session) {
        return get(session, HOLDINGS_PATH, "*/*");
    }

    JsonNode limits(KotakSession session) {
        return postRead(
                session,
                LIMITS_PATH,
                JData.of().put("seg", "ALL").put("exch", "ALL").put("prod", "ALL"));
    }

    private JsonNode get(KotakSession session, String path, String accept) {
        Request request = sessionRequest(session, path, accept).get().build();
        return errors.check(CallKind.READ, null, http.execute(CallKind.READ, request));
    }

    private JsonNode postRead(KotakSession session, String path, JData body) {
        Request request = sessionRequest(session, path, "application/json")
                .post(okhttp3.RequestBody.create(body.formBody(), KotakHttp.FORM))
                .build();
        return errors.check(CallKind.READ, null, http.execute(CallKind.READ, request));
    }

    private static Request.Builder sessionRequest(KotakSession session, String path, String accept) {
        return new Request.Builder()
                .url(session.url(path))
                .header("Auth", session.token().reveal())
                .header("Sid", session.sid().reveal())
                .header("neo-fin-key", NEO_FIN_KEY)
                .header("accept", accept);
    }
}
