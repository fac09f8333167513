package dev.neoagent.config;

import java.util.Objects;

/**
 * One process-wide setting: the environment variable that sets it, the equivalent command-line flag, the value used
 * when neither is given and a one-line description. Each settings record lists its own ({@code AgentConfig},
 * {@code AgentSettings}, {@code SpotSettings}, {@code HealthSettings}, {@code PaperSettings},
 * {@code BrokerFactory.BROKER}); the CLIs build their flags and {@code --help} from these constants
 * ({@code SettingFlags}) and {@link SettingsReader} reads them, so a flag and its variable cannot drift apart.
 *
 * @param defaultValue the default as the text a user would type; empty when "not set" is the default
 */
public record Setting(String envVar, String flag, String defaultValue, String description) {

    public Setting {
        Objects.requireNonNull(envVar, "envVar");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!flag.startsWith("--")) {
            throw new IllegalArgumentException("flag must start with --: " + flag);
        }
    }
}
