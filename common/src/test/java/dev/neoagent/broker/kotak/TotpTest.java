package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    /** RFC 6238 appendix B uses this ASCII key for HMAC-SHA1. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    /** The same key in base32, as an authenticator app would show it. */
    private static final String RFC_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesRfc6238Sha1Vectors(long epochSeconds, String expected) {
        assertThat(Totp.fromRawKey(RFC_KEY, 8).codeAt(Instant.ofEpochSecond(epochSeconds)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924"})
    void kotakCodesAreTheLastSixDigitsFromTheBase32Secret(long epochSeconds, String expected) {
        Totp totp = Totp.fromBase32(Secret.of(RFC_KEY_BASE32));
        assertThat(totp.codeAt(Instant.ofEpochSecond(epochSeconds))).isEqualTo(expected);
    }

    @Test
    void acceptsSecretsAsAuthenticatorAppsShowThem() {
        Instant at = Instant.ofEpochSecond(59);
        String lowerSpacedPadded = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq====";
        assertThat(Totp.fromBase32(Secret.of(lowerSpacedPadded)).codeAt(at)).isEqualTo("287082");
    }

    @Test
    void codeChangesEveryThirtySeconds() {
        Totp totp = Totp.fromBase32(Secret.of(RFC_KEY_BASE32));
        assertThat(totp.codeAt(Instant.ofEpochSecond(60))).isEqualTo(totp.codeAt(Instant.ofEpochSecond(89)));
        assertThat(totp.codeAt(Instant.ofEpochSecond(89))).isNotEqualTo(totp.codeAt(Instant.ofEpochSecond(90)));
    }

    @Test
    void badSecretIsReportedWithoutEchoingIt() {
        String secret = "JBSWY3DPEHPK3PX!";
        assertThatThrownBy(() -> Totp.fromBase32(Secret.of(secret)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 16 is not base32")
                .hasMessageNotContaining("JBSWY3DP");
    }
}
