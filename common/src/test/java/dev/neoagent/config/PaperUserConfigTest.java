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

class PaperUserConfigTest {
    @TempDir
    Path home;

    private UserConfig load(String json) throws IOException {
        Path dir = Files.createDirectories(home.resolve("p1"));
        Files.writeString(dir.resolve("p1.json"), json);
        return new UserConfigLoader()
                .load(home, Optional.of(List.of("p1")), Map.of())
                .get(0);
    }

    @Test
    void aPaperUserNeedsNoKotakCredentials() throws IOException {
        UserConfig user = load("{\"broker\": \"paper\"}");
        assertThat(user.isPaper()).isTrue();
        assertThat(user.risk()).isEqualTo(RiskLimits.DEFAULT);
    }

    @Test
    void theBrokerNameIsCheckedAndKotakStillNeedsEverything() {
        assertThatThrownBy(() -> load("{\"broker\": \"zerodha\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"broker\"")
                .hasMessageContaining("paper");
        assertThatThrownBy(() -> load("{\"broker\": \"kotak\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("consumer_key");
    }
}
