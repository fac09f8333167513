package dev.neoagent.broker.paper;

import dev.neoagent.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        PaperSettings settings = PaperSettings.from(Map.of("NEO_PAPER_IV", " "));
        assertThat(settings).isEqualTo(PaperSettings.defaults());
        assertThat(settings.capital()).isEqualByComparingTo("1000000");
        assertThat(settings.impliedVolatility()).isEqualTo(0.15);
        assertThat(settings.niftyVolatility()).isEqualTo(0.14);
        assertThat(settings.bankNiftyVolatility()).isEqualTo(0.18);
        assertThat(settings.tickInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.seed()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        PaperSettings settings = PaperSettings.from(Map.of(
                "NEO_PAPER_CAPITAL", "5,00,000",
                "NEO_PAPER_IV", "20%",
                "NEO_PAPER_NIFTY_VOL", "12.5",
                "NEO_PAPER_BANKNIFTY_VOL", "22",
                "NEO_PAPER_TICK_MS", "250",
                "NEO_PAPER_SEED", "42"));
        assertThat(settings.capital()).isEqualByComparingTo(new BigDecimal("500000"));
        assertThat(settings.impliedVolatility()).isEqualTo(0.20);
        assertThat(settings.niftyVolatility()).isEqualTo(0.125);
        assertThat(settings.bankNiftyVolatility()).isEqualTo(0.22);
        assertThat(settings.tickInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.seed()).isEqualTo(Optional.of(42L));
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_CAPITAL", "1_000_000")).capital()).isEqualByComparingTo("1000000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NEO_PAPER_CAPITAL | ten lakh",
            "NEO_PAPER_CAPITAL | -5",
            "NEO_PAPER_CAPITAL | 100.123",
            "NEO_PAPER_IV | 0.15",
            "NEO_PAPER_IV | abc",
            "NEO_PAPER_NIFTY_VOL | 500",
            "NEO_PAPER_BANKNIFTY_VOL | NaN",
            "NEO_PAPER_TICK_MS | 0",
            "NEO_PAPER_TICK_MS | fast",
            "NEO_PAPER_SEED | 4.2",
    })
    void badValuesNameTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> PaperSettings.from(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": \"" + value + "\"");
    }

    @Test
    void settingsListIsComplete() {
        assertThat(PaperSettings.SETTINGS).extracting(s -> s.envVar()).containsExactly("NEO_PAPER_CAPITAL",
                "NEO_PAPER_IV", "NEO_PAPER_NIFTY_VOL", "NEO_PAPER_BANKNIFTY_VOL", "NEO_PAPER_TICK_MS", "NEO_PAPER_SEED");
    }

    @Test
    void constructorRefusesNonsense() {
        assertThatThrownBy(() -> PaperSettings.defaults().withCapital(BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capital");
        assertThatThrownBy(() -> PaperSettings.defaults().withImpliedVolatility(15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impliedVolatility");
    }
}
