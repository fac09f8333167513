package dev.neoagent.config;

import java.nio.file.Path;

/**
 * A configuration value is missing or malformed. The message is meant for the operator: it names the file and
 * field (or the environment variable) and what is wrong, and never contains a secret value.
 *
 * <p>Unchecked because there is nothing a caller can do but stop and print the message.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /** {@code neo-home/u1/u1.json: field "mpin": expected 4 or 6 digits}. */
    static ConfigException field(Path file, String field, String problem) {
        return new ConfigException(file + ": field \"" + field + "\": " + problem);
    }

    /**
     * {@code NEO_RATE_LIMIT_PER_SEC: "500" must be between 1 and 100}. Only for values that are not secret;
     * callers redact anything that might carry a password first.
     */
    static ConfigException setting(String envVar, String shownValue, String problem) {
        return new ConfigException(envVar + ": \"" + shownValue + "\" " + problem);
    }
}
