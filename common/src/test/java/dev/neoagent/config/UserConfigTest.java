package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and normalisation in the record itself, without files. */
class UserConfigTest {

    static final String CONSUMER_KEY = "ck-7f3a9c-SECRET";
    static final String MPIN = "482913";
    static final String TOTP = "JBSWY3DPEHPK3PXP";
    static final Path SOURCE = Path.of("neo-home/u1/u1.json");

    private static UserConfig config(String uid, String mobile, String mpin, String totp) {
        return new UserConfig(
                uid,
                Secret.of(CONSUMER_KEY),
                mobile,
                "AB123",
                Secret.of(mpin),
                Secret.of(totp),
                Optional.empty(),
                SOURCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+919876543210", "919876543210", "9876543210", " 9876543210 "})
    void mobileNumberIsNormalisedToPlus91(String written) {
        assertThat(config("u1", written, MPIN, TOTP).mobileNumber()).isEqualTo("+919876543210");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "98765",
                "+9198765432101",
                "+929876543210",
                "0919876543210",
                "98765 43210",
                "+91-9876543210",
                "abcdefghij",
                "+44 20 7946 0958"
            })
    void malformedMobileNumberIsRejectedWithoutEchoingIt(String written) {
        assertThatThrownBy(() -> config("u1", written, MPIN, TOTP))
                .isInstanceOf(ConfigException.class)
                .hasMessage("neo-home/u1/u1.json: field \"mobile_number\": expected +91 followed by 10 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456"})
    void mpinOfFourOrSixDigitsIsAccepted(String mpin) {
        assertThat(config("u1", "9876543210", mpin, TOTP).mpin().reveal()).isEqualTo(mpin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345", "1234567", "12a4", "١٢٣٤"})
    void malformedMpinIsRejectedWithoutEchoingIt(String mpin) {
        assertThatThrownBy(() -> config("u1", "9876543210", mpin, TOTP))
                .isInstanceOf(ConfigException.class)
                .hasMessage("neo-home/u1/u1.json: field \"mpin\": expected 4 or 6 digits")
                .hasMessageNotContaining(mpin);
    }

    @Test
    void totpSecretIsNormalised() {
        UserConfig config = config("u1", "9876543210", MPIN, "jbsw y3dp ehpk 3pxp====");

        assertThat(config.totpSecret().reveal()).isEqualTo(TOTP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JBSWY3DPEHPK3PX", "JBSWY3DPEHPK3PX1", "JBSWY3DPEHPK3PX8", "JBSWY3DP-EHPK3PXP"})
    void malformedTotpSecretIsRejectedWithoutEchoingIt(String totp) {
        assertThatThrownBy(() -> config("u1", "9876543210", MPIN, totp))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("neo-home/u1/u1.json: field \"totp_secret\": expected base32")
                .hasMessageNotContaining(totp)
                .hasMessageNotContaining("JBSWY3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a/b", "a\\b", "a b", "a\tb", "a\u0007b", ".", ".."})
    void malformedUidIsRejected(String uid) {
        assertThatThrownBy(() -> config(uid, "9876543210", MPIN, TOTP))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("neo-home/u1/u1.json: user id ")
                .hasMessageContaining("must not");
    }

    @Test
    void controlCharactersInUidAreEscapedInTheMessage() {
        assertThatThrownBy(() -> config("a\u0007b", "9876543210", MPIN, TOTP))
                .hasMessageContaining("\"a\\u0007b\"")
                .hasMessageNotContaining("\u0007");
    }

    @Test
    void blankConsumerKeyAndUccAreRejected() {
        assertThatThrownBy(() -> new UserConfig(
                        "u1",
                        Secret.of(" "),
                        "9876543210",
                        "AB123",
                        Secret.of(MPIN),
                        Secret.of(TOTP),
                        Optional.empty(),
                        SOURCE))
                .hasMessage("neo-home/u1/u1.json: field \"consumer_key\": must not be empty");
        assertThatThrownBy(() -> new UserConfig(
                        "u1",
                        Secret.of(CONSUMER_KEY),
                        "9876543210",
                        "",
                        Secret.of(MPIN),
                        Secret.of(TOTP),
                        Optional.empty(),
                        SOURCE))
                .hasMessage("neo-home/u1/u1.json: field \"ucc\": must not be empty");
    }

    @Test
    void nullFieldIsReportedAsMissing() {
        assertThatThrownBy(() -> new UserConfig(
                        "u1",
                        Secret.of(CONSUMER_KEY),
                        "9876543210",
                        "AB123",
                        null,
                        Secret.of(TOTP),
                        Optional.empty(),
                        SOURCE))
                .hasMessage("neo-home/u1/u1.json: field \"mpin\": is missing");
    }

    @Test
    void toStringMasksEverySecret() {
        String text = config("u1", "9876543210", MPIN, TOTP).toString();

        assertThat(text)
                .contains("uid=u1", "consumerKey=****", "mpin=****", "totpSecret=****", "AB123")
                .doesNotContain(CONSUMER_KEY, MPIN, TOTP);
    }
}
