package dev.neoagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthSettingsTest {

    @Test
    void defaultIsPort9464() {
        assertThat(HealthSettings.from(Map.of())).isEqualTo(new HealthSettings(true, 9464));
        assertThat(HealthSettings.from(Map.of("NEO_HTTP_PORT", "  "))).isEqualTo(HealthSettings.DEFAULTS);
        assertThat(HealthSettings.HTTP_PORT.defaultValue()).isEqualTo("9464");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", " Off "})
    void offDisables(String value) {
        HealthSettings settings = HealthSettings.from(Map.of("NEO_HTTP_PORT", value));

        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void aPortNumber() {
        assertThat(HealthSettings.from(Map.of("NEO_HTTP_PORT", " 9100 "))).isEqualTo(HealthSettings.onPort(9100));
        assertThat(HealthSettings.from(Map.of("NEO_HTTP_PORT", "0"))).isEqualTo(HealthSettings.onPort(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536", "94.64", "on", "9464x"})
    void anythingElseIsAConfigErrorNamingTheVariable(String value) {
        assertThatThrownBy(() -> HealthSettings.from(Map.of("NEO_HTTP_PORT", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("NEO_HTTP_PORT: \"" + value + "\" must be a port number (1-65535) or off");
    }

    @Test
    void theRecordChecksThePortRange() {
        assertThatThrownBy(() -> new HealthSettings(true, 70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
