package dev.neoagent.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Setting}s from environment-style values (the environment, with a CLI's flags laid over it), the one
 * way every settings record is read: a missing or blank value means the setting's default, and every bad value is
 * reported the same way, {@code NEO_SPOT_INTERVAL_MS: "abc" is not a whole number of milliseconds}, by the
 * variable's name (which {@code SettingFlags} turns into the flag's when the value came from one).
 */
public final class SettingsReader {
    private final Map<String, String> values;

    public SettingsReader(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value, stripped, or the setting's default when it is absent or blank. */
    public String text(Setting setting) {
        String raw = values.get(setting.envVar());
        return raw == null || raw.isBlank() ? setting.defaultValue() : raw.strip();
    }

    /** The value, or empty when neither it nor a default is given. */
    public Optional<String> optional(Setting setting) {
        return Optional.of(text(setting)).filter(value -> !value.isEmpty());
    }

    /** A whole number between {@code min} and {@code max}, with {@code range} saying so when it is not. */
    public long whole(Setting setting, long min, long max, String range) {
        String raw = text(setting);
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem(setting, raw, range);
    }

    /** {@code on} or {@code off}, in any case. */
    public boolean onOff(Setting setting) {
        String raw = text(setting);
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw problem(setting, raw, "must be on or off");
        };
    }

    /**
     * A bad value of a setting: {@code NEO_PAPER_IV: "abc" must be ...}. Only for values that are not secret;
     * callers redact anything that might carry a password first.
     */
    public static ConfigException problem(Setting setting, String shownValue, String problem) {
        return ConfigException.setting(setting.envVar(), shownValue, problem);
    }
}
