package dev.neoagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskLimitsConfigTest {
    @TempDir
    Path home;

    private UserConfig load(String extra) throws IOException {
        Path dir = Files.createDirectories(home.resolve("u1"));
        Files.writeString(dir.resolve("u1.json"), """
                {"consumer_key": "ck", "mobile_number": "+919876543210", "ucc": "AB123", "mpin": "123456",
                 "totp_secret": "JBSWY3DPEHPK3PXP"%s}
                """.formatted(extra));
        return new UserConfigLoader()
                .load(home, Optional.of(List.of("u1")), Map.of())
                .get(0);
    }

    @Test
    void defaultsWhenAbsent() throws IOException {
        assertThat(load("").risk()).isEqualTo(RiskLimits.DEFAULT);
    }

    @Test
    void readsBothLimits() throws IOException {
        RiskLimits risk = load(", \"max_lots_per_order\": 5, \"max_orders_per_minute\": 12")
                .risk();
        assertThat(risk.maxLotsPerOrder()).isEqualTo(5);
        assertThat(risk.maxOrdersPerMinute()).isEqualTo(12);
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> load(", \"max_lots_per_order\": 0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_lots_per_order");
        assertThatThrownBy(() -> load(", \"max_orders_per_minute\": \"ten\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_orders_per_minute");
        assertThatThrownBy(() -> load(", \"max_lots_per_order\": 2.5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_lots_per_order");
    }
}
