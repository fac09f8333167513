package dev.neoagent.broker.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.config.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(settings.swing()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        PaperSettings settings = PaperSettings.from(Map.of(
                "NEO_PAPER_CAPITAL", "5,00,000",
                "NEO_PAPER_IV", "20%",
                "NEO_PAPER_NIFTY_VOL", "12.5",
                "NEO_PAPER_BANKNIFTY_VOL", "22",
                "NEO_PAPER_TICK_MS", "250",
                "NEO_PAPER_SEED", "42",
                "NEO_PAPER_SWING", "0.12",
                "NEO_PAPER_SWING_PERIOD_S", "90"));
        assertThat(settings.capital()).isEqualByComparingTo(new BigDecimal("500000"));
        assertThat(settings.impliedVolatility()).isEqualTo(0.20);
        assertThat(settings.niftyVolatility()).isEqualTo(0.125);
        assertThat(settings.bankNiftyVolatility()).isEqualTo(0.22);
        assertThat(settings.tickInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.seed()).isEqualTo(Optional.of(42L));
        assertThat(settings.swing()).contains(new PaperSettings.Swing(0.0012, Duration.ofSeconds(90)));
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_CAPITAL", "1_000_000")).capital())
                .isEqualByComparingTo("1000000");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
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
                "NEO_PAPER_SWING | -0.12",
                "NEO_PAPER_SWING | 6",
                "NEO_PAPER_SWING | NaN",
                "NEO_PAPER_SWING | a bit",
                "NEO_PAPER_SWING_PERIOD_S | 9",
                "NEO_PAPER_SWING_PERIOD_S | 3601",
                "NEO_PAPER_SWING_PERIOD_S | 1m",
            })
    void badValuesNameTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> PaperSettings.from(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": \"" + value + "\"");
    }

    @Test
    void settingsListIsComplete() {
        assertThat(PaperSettings.SETTINGS)
                .extracting(s -> s.envVar())
                .containsExactly(
                        "NEO_PAPER_CAPITAL",
                        "NEO_PAPER_IV",
                        "NEO_PAPER_NIFTY_VOL",
                        "NEO_PAPER_BANKNIFTY_VOL",
                        "NEO_PAPER_TICK_MS",
                        "NEO_PAPER_SEED",
                        "NEO_PAPER_SWING",
                        "NEO_PAPER_SWING_PERIOD_S");
    }

    @Test
    void aSwingIsAPercentageOfTheIndexAndZeroOrNothingMeansNone() {
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING", "0.12")).swing())
                .contains(PaperSettings.Swing.DEMO);
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING", "0.5%")).swing())
                .contains(new PaperSettings.Swing(0.005, Duration.ofSeconds(60)));
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING", "5"))
                        .swing()
                        .orElseThrow()
                        .amplitude())
                .isEqualTo(0.05);
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING", "0")).swing()).isEmpty();
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING", "")).swing()).isEmpty();
        assertThat(PaperSettings.from(Map.of("NEO_PAPER_SWING_PERIOD_S", "30")).swing())
                .isEmpty();
    }

    @Test
    void aBadSwingPeriodIsRefusedEvenWithoutASwing() {
        assertThatThrownBy(() -> PaperSettings.from(Map.of("NEO_PAPER_SWING", "0", "NEO_PAPER_SWING_PERIOD_S", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("NEO_PAPER_SWING_PERIOD_S: \"5\"");
    }

    @Test
    void theDemoSwingIsPointTwelvePercentEveryMinute() {
        assertThat(PaperSettings.Swing.DEMO.amplitude()).isEqualTo(0.0012);
        assertThat(PaperSettings.Swing.DEMO.period()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withSwingKeepsEverythingElse() {
        PaperSettings seeded = PaperSettings.defaults().withSeed(7).withCapital(new BigDecimal("500000"));
        PaperSettings swinging = seeded.withSwing(PaperSettings.Swing.DEMO);
        assertThat(swinging.swing()).contains(PaperSettings.Swing.DEMO);
        assertThat(swinging.seed()).contains(7L);
        assertThat(swinging.capital()).isEqualByComparingTo("500000");
        assertThat(swinging.withSeed(8)
                        .withCapital(BigDecimal.TEN)
                        .withImpliedVolatility(0.2)
                        .swing())
                .contains(PaperSettings.Swing.DEMO);
    }

    @ParameterizedTest
    @CsvSource({"0, 60", "-0.001, 60", "0.0501, 60", "NaN, 60", "0.001, 9", "0.001, 3601"})
    void aSwingOutOfRangeIsRefused(double amplitude, long periodSeconds) {
        assertThatThrownBy(() -> new PaperSettings.Swing(amplitude, Duration.ofSeconds(periodSeconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swing");
    }

    @Test
    void theSwingsLimitsAreAccepted() {
        assertThat(new PaperSettings.Swing(0.05, Duration.ofSeconds(10)).period())
                .hasSeconds(10);
        assertThat(new PaperSettings.Swing(1e-6, Duration.ofHours(1)).amplitude())
                .isEqualTo(1e-6);
    }

    @Test
    void constructorRefusesNonsense() {
        assertThatThrownBy(() -> PaperSettings.defaults().withCapital(BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capital");
        assertThatThrownBy(() -> PaperSettings.defaults().withImpliedVolatility(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("impliedVolatility");
    }
}
