package dev.neoagent.broker.kotak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerException.AuthFailed;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that turns an HTTP status and a Kotak body into either a parsed answer or the
 * {@link BrokerException} that tells the caller what to do. Kotak sends many errors with HTTP 200,
 * spells success {@code Ok} or {@code ok}, and puts the text in {@code emsg}, {@code errMsg} or
 * {@code message}; decisions use the numeric {@code stCode} wherever one is present.
 */
final class KotakErrorMapper {

    private static final Set<Integer> SESSION_EXPIRED_CODES = Set.of(1003, 100022);
    private static final Set<Integer> STATIC_IP_CODES = Set.of(100008, 1037);
    /** Kotak's own "try again" codes: internal error, dependency failure, too many requests. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1005, 424, 429);

    private final ObjectMapper json;

    KotakErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Parsed body of a successful call, or the exception for this failure. */
    JsonNode check(CallKind kind, AuthFailed.Step loginStep, WireResponse response) {
        JsonNode body = parse(response.body());
        return kind == CallKind.LOGIN
                ? checkLogin(loginStep, response.status(), body)
                : checkCall(kind, response.status(), body);
    }

    private JsonNode checkLogin(AuthFailed.Step step, int status, JsonNode body) {
        if (isTransientStatus(status)) {
            throw new BrokerException.Transient("login service unavailable (HTTP " + status + ")", null);
        }
        JsonNode data = body == null ? null : body.get("data");
        if (status / 100 == 2 && data != null && data.hasNonNull("token") && data.hasNonNull("sid")) {
            return data;
        }
        String text = body == null ? null : errorText(body);
        if (text == null) {
            text = status / 100 == 2 ? "answer without a session" : "HTTP " + status;
        }
        String what = step == AuthFailed.Step.TOTP_LOGIN
                ? "TOTP login refused: " + text + " (check mobile_number, ucc and totp_secret)"
                : "MPIN validation refused: " + text + " (check mpin)";
        throw new AuthFailed(step, what);
    }

    private JsonNode checkCall(CallKind kind, int status, JsonNode body) {
        Integer code = body == null ? null : statusCode(body);
        String text = body == null ? null : errorText(body);
        String shown = text != null ? text : "HTTP " + status;

        if (code != null && SESSION_EXPIRED_CODES.contains(code)) {
            throw new BrokerException.SessionExpired("session expired (code " + code + "): " + shown);
        }
        if (code != null && STATIC_IP_CODES.contains(code)) {
            throw new BrokerException.IpNotAllowed(
                    code,
                    "order API refused this machine's IP address (code "
                            + code + ": " + shown + "); orders must come from the whitelisted static IP, "
                            + "with a session created from it");
        }
        if (code != null && TRANSIENT_CODES.contains(code)) {
            throw new BrokerException.Transient("broker busy or failing (code " + code + "): " + shown, null);
        }
        if (code == null && (status == 401 || status == 403)) {
            throw new BrokerException.SessionExpired("session expired (HTTP " + status + ")");
        }
        if (code == null && text != null && mentionsInvalidSession(text)) {
            // Only when no code is present: the recommended fallback for old-style bodies.
            throw new BrokerException.SessionExpired("session expired: " + text);
        }
        if (isTransientStatus(status)) {
            if (kind == CallKind.MUTATION && !isKotakEnvelope(body)) {
                // A bare gateway error after the order went out does not say whether the OMS acted.
                throw new BrokerException.OutcomeUnknown(
                        "order request answered with HTTP " + status
                                + " by a gateway; the broker may or may not have acted on it",
                        null);
            }
            throw new BrokerException.Transient("broker unavailable (HTTP " + status + "): " + shown, null);
        }
        if (body == null) {
            if (kind == CallKind.MUTATION && status / 100 == 2) {
                throw new BrokerException.OutcomeUnknown(
                        "order request got an unreadable answer (HTTP " + status
                                + "); the broker may or may not have acted on it",
                        null);
            }
            if (status / 100 == 2) {
                throw new BrokerException.UnexpectedResponse("unreadable answer (HTTP " + status + ")", null);
            }
            throw new BrokerException.Rejected(null, "HTTP " + status);
        }
        if (isNotOk(body) || status >= 400) {
            throw new BrokerException.Rejected(code, shown);
        }
        return body;
    }

    private static boolean isTransientStatus(int status) {
        return status == 429 || status == 424 || status >= 500;
    }

    private static boolean isKotakEnvelope(JsonNode body) {
        return body != null && (body.has("stat") || body.has("stCode"));
    }

    /** A {@code stat} other than ok/Ok, or an error code other than 200, is a failure. */
    private static boolean isNotOk(JsonNode body) {
        if (!body.isObject()) {
            return false;
        }
        JsonNode stat = body.get("stat");
        if (stat != null && !stat.isNull() && !stat.asText().equalsIgnoreCase("ok")) {
            return true;
        }
        Integer code = statusCode(body);
        if (code != null && code != 200) {
            return true;
        }
        return stat == null && (body.has("emsg") || body.has("errMsg") || body.has("error"));
    }

    private static Integer statusCode(JsonNode body) {
        JsonNode code = body.get("stCode");
        if (code == null || code.isNull()) {
            code = body.get("errorCode");
        }
        if (code == null || code.isNull()) {
            return null;
        }
        if (code.isIntegralNumber()) {
            return code.intValue();
        }
        try {
            return Integer.valueOf(code.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Kotak's error text from whichever field this endpoint uses. */
    static String errorText(JsonNode body) {
        for (String field : new String[] {"emsg", "errMsg", "message"}) {
            JsonNode node = body.get(field);
            if (node != null && node.isTextual() && !node.asText().isBlank()) {
                return node.asText().strip();
            }
        }
        JsonNode errors = body.get("error");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            JsonNode message = errors.get(0).get("message");
            if (message != null && message.isTextual()) {
                return message.asText().strip();
            }
        }
        return null;
    }

    private static boolean mentionsInvalidSession(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("invalid session")
                || lower.contains("session expired")
                || lower.contains("invalid session token");
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
