package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.broker.BrokerException;
import dev.neoagent.broker.BrokerException.AuthFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error class of the wire spec, decided from HTTP status + body as Kotak really sends them. */
class KotakErrorMapperTest {
    private final KotakErrorMapper mapper = new KotakErrorMapper(Examples.JSON);

    private com.fasterxml.jackson.databind.JsonNode call(CallKind kind, int status, String body) {
        return mapper.check(kind, null, new WireResponse(status, body));
    }

    @Test
    void successShapesPass() {
        assertThat(call(CallKind.MUTATION, 200, Examples.text("place-ok")).toString())
                .contains("250720000007242");
        assertThat(call(CallKind.READ, 200, Examples.text("trade-book")).toString())
                .contains("IDEA-EQ"); // stat "ok"
        assertThat(call(CallKind.READ, 200, Examples.text("holdings")).toString())
                .contains("IDEA"); // no stat at all
        assertThat(call(CallKind.READ, 200, Examples.text("limits")).toString()).contains("CollateralValue");
        assertThat(call(CallKind.READ, 200, Examples.text("quotes")).isArray()).isTrue(); // array on success
    }

    @ParameterizedTest
    @EnumSource(
            value = CallKind.class,
            names = {"READ", "MUTATION"})
    void sessionExpiredByCode(CallKind kind) {
        for (String example : new String[] {"session-1003", "session-100022", "session-100022-margin"}) {
            assertThatThrownBy(() -> call(kind, 200, Examples.text(example)))
                    .as(example)
                    .isInstanceOf(BrokerException.SessionExpired.class);
        }
        assertThatThrownBy(() -> call(kind, 403, Examples.text("session-1003")))
                .isInstanceOf(BrokerException.SessionExpired.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void sessionExpiredByHttpStatusWithoutBusinessCode(int status) {
        assertThatThrownBy(() -> call(CallKind.READ, status, "")).isInstanceOf(BrokerException.SessionExpired.class);
        assertThatThrownBy(() -> call(
                        CallKind.MUTATION, status, "{\"message\":\"Invalid session, please re-login to continue\"}"))
                .isInstanceOf(BrokerException.SessionExpired.class);
    }

    @Test
    void staticIpErrorsAreTheirOwnClass() {
        assertThatThrownBy(() -> call(CallKind.MUTATION, 200, Examples.text("static-ip-100008")))
                .isInstanceOfSatisfying(BrokerException.IpNotAllowed.class, e -> {
                    assertThat(e.code()).isEqualTo(100008);
                    assertThat(e.getMessage()).contains("unauthorized", "whitelisted");
                });
        assertThatThrownBy(() -> call(CallKind.MUTATION, 200, Examples.text("static-ip-1037")))
                .isInstanceOfSatisfying(
                        BrokerException.IpNotAllowed.class,
                        e -> assertThat(e.code()).isEqualTo(1037));
    }

    @Test
    void brokerRejectionsAreFinalAndCarryCodeAndText() {
        assertThatThrownBy(() -> call(CallKind.MUTATION, 200, Examples.text("place-insufficient")))
                .isInstanceOfSatisfying(BrokerException.Rejected.class, e -> {
                    assertThat(e.code()).contains(1004);
                    assertThat(e.brokerMessage()).isEqualTo("Insufficient balance.");
                });
        // errMsg field and an odd "stat" text
        assertThatThrownBy(() -> call(CallKind.MUTATION, 200, Examples.text("modify-complete-1021")))
                .isInstanceOfSatisfying(BrokerException.Rejected.class, e -> {
                    assertThat(e.code()).contains(1021);
                    assertThat(e.brokerMessage()).isEqualTo("order is completed");
                });
        // quotes fail as an object, not an array
        assertThatThrownBy(() -> call(CallKind.READ, 200, Examples.text("quotes-error")))
                .isInstanceOfSatisfying(
                        BrokerException.Rejected.class,
                        e -> assertThat(e.code()).contains(1009));
        assertThatThrownBy(() ->
                        call(CallKind.READ, 400, "{\"stat\":\"Not_Ok\",\"emsg\":\"Invalid input\",\"stCode\":1002}"))
                .isInstanceOf(BrokerException.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 424, 500, 502, 503, 504})
    void overloadedOrFailingServerIsTransientForReads(int status) {
        assertThatThrownBy(() -> call(CallKind.READ, status, "<html>error</html>"))
                .isInstanceOf(BrokerException.Transient.class);
    }

    @Test
    void kotakRetryCodesAreTransientEvenWithHttp200() {
        assertThatThrownBy(() -> call(
                        CallKind.MUTATION, 200, "{\"stat\":\"Not_Ok\",\"emsg\":\"Internal error\",\"stCode\":1005}"))
                .isInstanceOf(BrokerException.Transient.class);
        assertThatThrownBy(() -> call(
                        CallKind.READ, 200, "{\"stat\":\"Not_Ok\",\"emsg\":\"Dependency failure\",\"stCode\":424}"))
                .isInstanceOf(BrokerException.Transient.class);
        // the order system itself answered with an error envelope: it did not act
        assertThatThrownBy(() -> call(
                        CallKind.MUTATION, 500, "{\"stat\":\"Not_Ok\",\"emsg\":\"Internal error\",\"stCode\":1005}"))
                .isInstanceOf(BrokerException.Transient.class);
        assertThatThrownBy(() -> call(
                        CallKind.MUTATION, 429, "{\"stat\":\"Not_Ok\",\"emsg\":\"Too many requests\",\"stCode\":429}"))
                .isInstanceOf(BrokerException.Transient.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void bareGatewayErrorAfterAnOrderWasSentIsOutcomeUnknown(int status) {
        assertThatThrownBy(() -> call(CallKind.MUTATION, status, "<html>Gateway Timeout</html>"))
                .isInstanceOf(BrokerException.OutcomeUnknown.class);
    }

    @Test
    void unreadableSuccessAfterAnOrderIsOutcomeUnknown() {
        assertThatThrownBy(() -> call(CallKind.MUTATION, 200, "<html>"))
                .isInstanceOf(BrokerException.OutcomeUnknown.class);
        assertThatThrownBy(() -> call(CallKind.READ, 200, "<html>"))
                .isInstanceOf(BrokerException.UnexpectedResponse.class);
    }

    @Test
    void textFallbackOnlyWithoutACode() {
        assertThatThrownBy(() -> call(CallKind.READ, 200, "{\"stat\":\"Not_Ok\",\"emsg\":\"Session Expired\"}"))
                .isInstanceOf(BrokerException.SessionExpired.class);
    }

    @Test
    void bothLoginErrorShapesAreAuthFailuresNamingTheStep() {
        assertThatThrownBy(() -> mapper.check(
                        CallKind.LOGIN,
                        AuthFailed.Step.TOTP_LOGIN,
                        new WireResponse(401, Examples.text("login-error"))))
                .isInstanceOfSatisfying(AuthFailed.class, e -> {
                    assertThat(e.step()).isEqualTo(AuthFailed.Step.TOTP_LOGIN);
                    assertThat(e.getMessage()).contains("Invalid credentials or TOTP.", "totp_secret");
                });
        assertThatThrownBy(() -> mapper.check(
                        CallKind.LOGIN,
                        AuthFailed.Step.TOTP_LOGIN,
                        new WireResponse(400, Examples.text("login-missing-field"))))
                .isInstanceOf(AuthFailed.class)
                .hasMessageContaining("Missing required field 'MobileNumber'");
        assertThatThrownBy(() -> mapper.check(
                        CallKind.LOGIN,
                        AuthFailed.Step.MPIN_VALIDATE,
                        new WireResponse(
                                401,
                                "{\"status\": \"error\", \"message\": \"Invalid MPIN.\", \"errorCode\": \"401\"}")))
                .isInstanceOfSatisfying(AuthFailed.class, e -> {
                    assertThat(e.step()).isEqualTo(AuthFailed.Step.MPIN_VALIDATE);
                    assertThat(e.getMessage()).contains("Invalid MPIN.", "check mpin");
                });
        // a 2xx without a session (Kotak does that for a bad UCC)
        assertThatThrownBy(() -> mapper.check(CallKind.LOGIN, AuthFailed.Step.TOTP_LOGIN, new WireResponse(200, "{}")))
                .isInstanceOf(AuthFailed.class);
    }

    @Test
    void loginSuccessReturnsTheDataObject() {
        var data = mapper.check(
                CallKind.LOGIN, AuthFailed.Step.MPIN_VALIDATE, new WireResponse(200, Examples.text("validate-ok")));
        assertThat(data.get("baseUrl").asText()).isEqualTo("https://e43.kotaksecurities.com");
    }

    @Test
    void loginServiceOutageIsTransientNotAWrongPassword() {
        assertThatThrownBy(() -> mapper.check(CallKind.LOGIN, AuthFailed.Step.TOTP_LOGIN, new WireResponse(503, "")))
                .isInstanceOf(BrokerException.Transient.class);
    }
}
