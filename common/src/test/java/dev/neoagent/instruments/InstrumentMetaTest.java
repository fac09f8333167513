package dev.neoagent.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.InstrumentToken;
import dev.neoagent.domain.Segment;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InstrumentMetaTest {
    private static final InstrumentToken TOKEN = new InstrumentToken("58801");

    @Test
    void parsesTheContractExampleOfRedisContractSection1() {
        InstrumentMeta meta = InstrumentMeta.parse(
                TOKEN,
                "{\"tsym\": \"NIFTY26JAN26000CE\", \"seg\": \"nse_fo\", "
                        + "\"name\": \"NIFTY\", \"expiry\": \"2026-01-27\", \"strike\": \"26000\", \"opt\": \"CE\", \"lot\": 65, "
                        + "\"tick\": \"0.05\", \"freeze\": 1801}");

        assertThat(meta.tradingSymbol().value()).isEqualTo("NIFTY26JAN26000CE");
        assertThat(meta.segment()).isEqualTo(Segment.NSE_FO);
        assertThat(meta.expiry()).contains(LocalDate.of(2026, 1, 27));
        assertThat(meta.strike()).contains(new BigDecimal("26000"));
        assertThat(meta.lotSize()).isEqualTo(65);
        assertThat(meta.tick()).isEqualByComparingTo("0.05");
        assertThat(meta.freezeQuantity()).isEqualTo(1801);
        assertThat(meta.xtsDisplayName()).isEqualTo("NIFTY 27JAN2026 CE 26000");
    }

    @Test
    void cashRowsHaveNoOptionFields() {
        InstrumentMeta meta = InstrumentMeta.parse(
                new InstrumentToken("2885"),
                "{\"tsym\": \"RELIANCE-EQ\", "
                        + "\"seg\": \"nse_cm\", \"name\": \"RELIANCE\", \"lot\": 1, \"tick\": \"0.05\", \"freeze\": 0}");
        assertThat(meta.isOption()).isFalse();
        assertThat(meta.freezeQuantity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(meta.xtsDisplayName()).isEqualTo("RELIANCE-EQ");
    }

    @Test
    void fractionalStrikeInTheDisplayName() {
        InstrumentMeta meta = InstrumentMeta.parse(
                TOKEN,
                "{\"tsym\": \"X\", \"seg\": \"nse_fo\", \"name\": \"NIFTY\", "
                        + "\"expiry\": \"2026-12-29\", \"strike\": \"26012.5\", \"opt\": \"PE\", \"lot\": 65, \"tick\": \"0.05\", \"freeze\": 1801}");
        assertThat(meta.xtsDisplayName()).isEqualTo("NIFTY 29DEC2026 PE 26012.5");
    }

    @Test
    void brokenMetadataIsReportedWithTheToken() {
        assertThatThrownBy(() -> InstrumentMeta.parse(TOKEN, "{\"tsym\": \"X\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("58801")
                .hasMessageContaining("seg");
        assertThatThrownBy(() -> InstrumentMeta.parse(TOKEN, "not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("58801");
        assertThatThrownBy(() -> InstrumentMeta.parse(
                        TOKEN,
                        "{\"tsym\": \"X\", \"seg\": \"nse_fo\", \"name\": \"N\", \"lot\": 0, \"tick\": \"0.05\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lot size");
    }
}
