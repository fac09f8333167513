package dev.neoagent.agent.spot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.config.ConfigException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpotSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        SpotSettings settings = SpotSettings.from(Map.of());

        assertThat(settings).isEqualTo(SpotSettings.DEFAULTS);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.uid()).isEmpty();
        assertThat(settings.interval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(settings.offHoursInterval()).isEqualTo(Duration.ofMillis(60000));
        assertThat(settings.marketHours())
                .isEqualTo(new MarketHours(LocalTime.of(9, 15), LocalTime.of(15, 30), MarketHours.IST));
        assertThat(settings.maxAge()).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void blankValuesMeanTheDefault() {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {
            "NEO_SPOT",
            "NEO_SPOT_UID",
            "NEO_SPOT_INTERVAL_MS",
            "NEO_SPOT_OFF_HOURS_INTERVAL_MS",
            "NEO_MARKET_HOURS",
            "NEO_SPOT_MAX_AGE_MS"
        }) {
            env.put(name, "  ");
        }
        assertThat(SpotSettings.from(env)).isEqualTo(SpotSettings.DEFAULTS);
    }

    @Test
    void readsEveryVariable() {
        SpotSettings settings = SpotSettings.from(Map.of(
                "NEO_SPOT", " OFF ",
                "NEO_SPOT_UID", " u2 ",
                "NEO_SPOT_INTERVAL_MS", "250",
                "NEO_SPOT_OFF_HOURS_INTERVAL_MS", "30000",
                "NEO_MARKET_HOURS", "09:00-15:45",
                "NEO_SPOT_MAX_AGE_MS", "3000",
                "UNRELATED", "ignored"));

        assertThat(settings)
                .isEqualTo(new SpotSettings(
                        false,
                        Optional.of("u2"),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(30),
                        new MarketHours(LocalTime.of(9, 0), LocalTime.of(15, 45), MarketHours.IST),
                        Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "ON", "On"})
    void onIsOn(String value) {
        assertThat(SpotSettings.from(Map.of("NEO_SPOT", value)).enabled()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NEO_SPOT | yes | NEO_SPOT: \"yes\" must be on or off",
                "NEO_SPOT | false | NEO_SPOT: \"false\" must be on or off",
                "NEO_SPOT_INTERVAL_MS | 1s | NEO_SPOT_INTERVAL_MS: \"1s\" is not a whole number of milliseconds",
                "NEO_SPOT_INTERVAL_MS | 1000.5 | NEO_SPOT_INTERVAL_MS: \"1000.5\" is not a whole number of milliseconds",
                "NEO_SPOT_INTERVAL_MS | 99 | NEO_SPOT_INTERVAL_MS: \"99\" must be at least 100 milliseconds",
                "NEO_SPOT_INTERVAL_MS | -1000 | NEO_SPOT_INTERVAL_MS: \"-1000\" must be at least 100 milliseconds",
                "NEO_SPOT_OFF_HOURS_INTERVAL_MS | 0 | NEO_SPOT_OFF_HOURS_INTERVAL_MS: \"0\" must be at least 100 milliseconds",
                "NEO_SPOT_OFF_HOURS_INTERVAL_MS | 99999999999999999999 | NEO_SPOT_OFF_HOURS_INTERVAL_MS: \"99999999999999999999\" is not a whole number",
                "NEO_SPOT_MAX_AGE_MS | 0 | NEO_SPOT_MAX_AGE_MS: \"0\" must be at least 1 milliseconds",
                "NEO_SPOT_MAX_AGE_MS | five | NEO_SPOT_MAX_AGE_MS: \"five\" is not a whole number",
                "NEO_MARKET_HOURS | 9:15-15:30 | NEO_MARKET_HOURS: \"9:15-15:30\" is not of the form HH:mm-HH:mm",
                "NEO_MARKET_HOURS | 09:15 | NEO_MARKET_HOURS: \"09:15\" is not of the form HH:mm-HH:mm",
                "NEO_MARKET_HOURS | 09:15-15:30-16:00 | NEO_MARKET_HOURS: \"09:15-15:30-16:00\" is not of the form",
                "NEO_MARKET_HOURS | 25:00-26:00 | NEO_MARKET_HOURS: \"25:00-26:00\" is not of the form",
                "NEO_MARKET_HOURS | 15:30-09:15 | NEO_MARKET_HOURS: \"15:30-09:15\" opens at or after it closes",
                "NEO_MARKET_HOURS | 09:15-09:15 | NEO_MARKET_HOURS: \"09:15-09:15\" opens at or after it closes",
                "NEO_SPOT_UID | u 1 | NEO_SPOT_UID: \"u 1\" is not a valid user id: must not contain whitespace",
            })
    void badValuesNameTheVariableAndTheValue(String name, String value, String message) {
        assertThatThrownBy(() -> SpotSettings.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void controlCharactersInTheUidAreShownEscaped() {
        assertThatThrownBy(() -> SpotSettings.from(Map.of("NEO_SPOT_UID", "u\u001b1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("NEO_SPOT_UID: \"u\\u001b1\" is not a valid user id: must not contain control characters");
    }

    @Test
    void marketHoursAcceptSecondsAndSpaces() {
        SpotSettings settings = SpotSettings.from(Map.of("NEO_MARKET_HOURS", " 09:15:30 - 15:30 "));
        assertThat(settings.marketHours().open()).isEqualTo(LocalTime.of(9, 15, 30));
        assertThat(settings.marketHours().close()).isEqualTo(LocalTime.of(15, 30));
    }

    @Test
    void everySettingIsListedWithItsDefault() {
        assertThat(SpotSettings.SETTINGS)
                .extracting(s -> s.envVar() + "=" + s.defaultValue())
                .containsExactly(
                        "NEO_SPOT=on",
                        "NEO_SPOT_UID=",
                        "NEO_SPOT_INTERVAL_MS=1000",
                        "NEO_SPOT_OFF_HOURS_INTERVAL_MS=60000",
                        "NEO_MARKET_HOURS=09:15-15:30",
                        "NEO_SPOT_MAX_AGE_MS=5000");
        assertThat(SpotSettings.DEFAULTS.marketHours().text()).isEqualTo("09:15-15:30");
    }
}
