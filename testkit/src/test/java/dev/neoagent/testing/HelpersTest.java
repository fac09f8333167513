package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.FakeKotakServer.RecordedCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpersTest {
    @Test
    void base32MatchesRfc4648Vectors() {
        assertThat(Base32.encode("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Base32.encode("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXQ");
        assertThat(Base32.encode("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6");
        assertThat(Base32.encode("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YQ");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.decode(Base32.encode(secret))).isEqualTo(secret);
    }

    @Test
    void totpMatchesRfc6238Sha1Vectors() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.at(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.at(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.matches(secret, "081804", Instant.ofEpochSecond(1111111109 + 30)))
                .isTrue();
        assertThat(Totp.matches(secret, "081804", Instant.ofEpochSecond(1111111109 - 30)))
                .isTrue();
        assertThat(Totp.matches(secret, "081804", Instant.ofEpochSecond(1111111109 + 90)))
                .isFalse();
    }

    @Test
    void recordedCallReadsHeadersAndJData() {
        String json = "{\"on\": \"250720000007242\", \"am\": \"NO\"}";
        RecordedCall call = new RecordedCall(
                "POST",
                "/gw/e43/quick/order/cancel",
                "sId=",
                Map.of("Auth", "tok"),
                KotakTestClient.form(json),
                Instant.now());
        assertThat(call.header("AUTH")).isEqualTo("tok");
        assertThat(call.header("Sid")).isNull();
        assertThat(call.rawJData()).isEqualTo(json);
        assertThat(call.jData().get("on").asText()).isEqualTo("250720000007242");
        RecordedCall get = new RecordedCall("GET", "/x", null, Map.of(), "", Instant.now());
        assertThat(get.jData()).isNull();
    }

    @Test
    void strikeAndUnderlyingAreDerivedFromTheSymbol() {
        Instrument weekly =
                new Instrument("nse_fo", "1", "NIFTY2692221000PE", 65, java.math.BigDecimal.TEN, Instant.now());
        assertThat(weekly.symbol).isEqualTo("NIFTY");
        assertThat(weekly.strike).isEqualByComparingTo("21000");
        assertThat(weekly.instrumentType).isEqualTo("OPTIDX");
        Instrument monthly =
                new Instrument("nse_fo", "2", "BANKNIFTY26JAN60000PE", 30, java.math.BigDecimal.TEN, Instant.now());
        assertThat(monthly.symbol).isEqualTo("BANKNIFTY");
        assertThat(monthly.strike).isEqualByComparingTo("60000");
        Instrument future = new Instrument("nse_fo", "3", "TCS26JULFUT", 175, java.math.BigDecimal.TEN, Instant.now());
        assertThat(future.instrumentType).isEqualTo("FUTSTK");
        assertThat(future.optionType).isEqualTo("XX");
        Instrument equity = new Instrument("nse_cm", "4", "M&M-EQ", 1, java.math.BigDecimal.TEN, Instant.now());
        assertThat(equity.symbol).isEqualTo("M&M");
        assertThat(equity.series).isEqualTo("EQ");
    }
}
