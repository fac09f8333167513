package dev.neoagent.config;

import java.util.Objects;

/**
 * One process-wide setting: the environment variable that sets it, the equivalent command-line flag, the value
 * used when neither is given and a one-line description. {@link AgentConfig#SETTINGS} is the single list the CLI
 * (flags, {@code --help}) and the README are generated from, so they cannot drift apart.
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
