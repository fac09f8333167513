package dev.neoagent.agent.spot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.contract.SpotKeys;
import dev.neoagent.domain.Decimals;
import dev.neoagent.domain.QuoteKey;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpotIndexTest {

    @Test
    void indicesMapToTheirKeysAndQuotes() {
        assertThat(SpotIndex.NIFTY.valueKey()).isEqualTo("NF_SPOT");
        assertThat(SpotIndex.NIFTY.timestampKey()).isEqualTo("NF_SPOT_TS");
        assertThat(SpotIndex.NIFTY.quoteKey()).isEqualTo(QuoteKey.NIFTY_50);
        assertThat(SpotIndex.BANKNIFTY.valueKey()).isEqualTo("BN_SPOT");
        assertThat(SpotIndex.BANKNIFTY.timestampKey()).isEqualTo("BN_SPOT_TS");
        assertThat(SpotIndex.BANKNIFTY.quoteKey()).isEqualTo(QuoteKey.NIFTY_BANK);
        assertThat(SpotKeys.ALL).containsExactly("NF_SPOT", "NF_SPOT_TS", "BN_SPOT", "BN_SPOT_TS");
    }

    @Test
    void forUnderlyingKnowsTheTwoIndices() {
        assertThat(SpotIndex.forUnderlying("NIFTY")).contains(SpotIndex.NIFTY);
        assertThat(SpotIndex.forUnderlying("BANKNIFTY")).contains(SpotIndex.BANKNIFTY);
        assertThat(SpotIndex.forUnderlying(" banknifty ")).contains(SpotIndex.BANKNIFTY);
        assertThat(SpotIndex.forUnderlying("FINNIFTY")).isEmpty();
        assertThat(SpotIndex.forUnderlying("NIFTY 50")).isEmpty();
        assertThat(SpotIndex.forUnderlying("")).isEmpty();
        assertThat(SpotIndex.forUnderlying(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "25980.3500, 25980.35",
        "26000.0000, 26000",
        "26000, 26000",
        "2.6E+4, 26000",
        "52100.5000, 52100.5",
        "0.0500, 0.05",
        "1E-7, 0.0000001",
        "-5.0000, -5",
    })
    void plainDecimalStripsZerosAndNeverUsesAnExponent(String in, String out) {
        assertThat(Decimals.plain(new BigDecimal(in))).isEqualTo(out);
    }
}
