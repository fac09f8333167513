package dev.neoagent.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A configuration value is missing or malformed. The message is meant for the operator: it names the file and
 * field (or the environment variable) and what is wrong, and never contains a secret value.
 *
 * <p>Unchecked because there is nothing a caller can do but stop and print the message.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The environment variable a bad setting came from, and the rest of the message after its name. */
    private final String variable;

    private final String detail;

    public ConfigException(String message) {
        this(message, null, null);
    }

    private ConfigException(String message, String variable, String detail) {
        super(message);
        this.variable = variable;
        this.detail = detail;
    }

    /** The environment variable named by a {@link #setting} error. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    /**
     * The same error told of the place the value really came from, e.g. the flag {@code --redis-url} when the
     * CLI merged a flag over the variable; other errors are returned as they are.
     */
    public ConfigException from(String source) {
        return variable == null ? this : new ConfigException(source + detail, variable, detail);
    }

    /** {@code neo-home/u1/u1.json: field "mpin": expected 4 or 6 digits}. */
    static ConfigException field(Path file, String field, String problem) {
        return new ConfigException(file + ": field \"" + field + "\": " + problem);
    }

    /**
     * {@code NEO_RATE_LIMIT_PER_SEC: "500" must be between 1 and 100}. Only for values that are not secret;
     * callers redact anything that might carry a password first.
     */
    public static ConfigException setting(String envVar, String shownValue, String problem) {
        String detail = ": \"" + shownValue + "\" " + problem;
        return new ConfigException(envVar + detail, envVar, detail);
    }
}
