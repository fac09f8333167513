package dev.neoagent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neoagent.testing.FakeKotakServer.SessionExpiry;
import okhttp3.mockwebserver.MockResponse;

/**
 * Builders for every response shape the fake sends. Kotak's error shapes differ per family
 * (business errors {@code stat/emsg/stCode}, static-IP and 1021 errors {@code stCode/errMsg/stat},
 * login errors {@code status/message/errorCode} or {@code error[]}); keeping them here makes the
 * differences visible in one place.
 */
final class Replies {
    private Replies() {}

    static MockResponse json(int status, JsonNode body) {
        return raw(status, "application/json", Json.write(body));
    }

    static MockResponse raw(int status, String contentType, String body) {
        MockResponse response = new MockResponse().setResponseCode(status);
        if (contentType != null) {
            response.setHeader("Content-Type", contentType);
        }
        return response.setBody(body == null ? "" : body);
    }

    /** Success envelope {@code {"stat":"Ok","stCode":200, ...}}. */
    static ObjectNode okEnvelope(String stat) {
        ObjectNode body = Json.object();
        body.put("stat", stat);
        body.put("stCode", 200);
        return body;
    }

    /** Business error, always HTTP 200: {@code {"stat":"Not_Ok","emsg":...,"stCode":...}}. */
    static MockResponse notOk(int stCode, String emsg) {
        return json(200, notOkBody(stCode, emsg));
    }

    static ObjectNode notOkBody(int stCode, String emsg) {
        ObjectNode body = Json.object();
        body.put("stat", "Not_Ok");
        body.put("emsg", emsg);
        body.put("stCode", stCode);
        return body;
    }

    /** The other error family: {@code {"stCode":...,"errMsg":...,"stat":...}}. */
    static ObjectNode errMsgBody(int stCode, String errMsg, String stat) {
        ObjectNode body = Json.object();
        body.put("stCode", stCode);
        body.put("errMsg", errMsg);
        body.put("stat", stat);
        return body;
    }

    /** Modify/cancel of an already complete order. */
    static MockResponse orderCompleted() {
        return json(200, errMsgBody(1021, "order is completed", "please provide valid order number"));
    }

    /** Login/validate failure: {@code {"status":"error","message":...,"errorCode":"401"}}. */
    static MockResponse loginError(String message) {
        ObjectNode body = Json.object();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorCode", "401");
        return json(401, body);
    }

    /** Login/validate missing field: HTTP 400 {@code {"error":[{"code":"400","message":...}]}}. */
    static MockResponse missingField(String field) {
        return badRequest("Missing required field '" + field + "'");
    }

    static MockResponse badRequest(String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("error").addObject();
        error.put("code", "400");
        error.put("message", message);
        return json(400, body);
    }

    static MockResponse invalidConsumerKey() {
        ObjectNode body = notOkBody(401, "Invalid consumer key");
        return json(401, body);
    }

    static MockResponse sessionInvalid(SessionExpiry style) {
        return switch (style) {
            case STCODE_1003 -> notOk(1003, "Invalid session");
            case STCODE_100022 -> json(200, errMsgBody(100022, "invalid session token", "Not_Ok"));
            case HTTP_401 -> raw(401, null, "");
            case HTTP_403 -> {
                ObjectNode body = Json.object();
                body.put("message", "Invalid session, please re-login to continue");
                yield json(403, body);
            }
        };
    }

    static MockResponse notFound() {
        ObjectNode body = Json.object();
        body.put("code", "404");
        body.put("message", "Resource not found");
        return json(404, body);
    }

    static MockResponse methodNotAllowed() {
        ObjectNode body = Json.object();
        body.put("code", "405");
        body.put("message", "Method not allowed");
        return json(405, body);
    }
}
