package dev.neoagent.agent.metrics;

import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the {@code /health} and {@code /metrics} endpoint, read once at start.
 *
 * <p>The endpoint always binds to {@code 127.0.0.1}, never to another interface, and this is not configurable: it
 * has no authentication, and although it shows no secret it does show which user ids the agent serves and their
 * session state. Something on the same host (a Prometheus agent, a container healthcheck, an SSH tunnel) reads
 * it; exposing it further is a deliberate step outside the agent (a reverse proxy with authentication).
 *
 * @param enabled whether the endpoint runs at all ({@code NEO_HTTP_PORT=off} turns it off)
 * @param port    the TCP port on 127.0.0.1; {@code 0} picks a free port (tests), see {@link HealthServer#port()}
 */
public record HealthSettings(boolean enabled, int port) {

    public static final Setting HTTP_PORT = new Setting(
            "NEO_HTTP_PORT", "--http-port", "9464", "Port of the /health and /metrics endpoint on 127.0.0.1, or off");

    /** Every setting of the endpoint, in the order help texts show them. */
    public static final List<Setting> SETTINGS = List.of(HTTP_PORT);

    public static final HealthSettings DEFAULTS = new HealthSettings(true, 9464);
    public static final HealthSettings OFF = new HealthSettings(false, 0);

    public HealthSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** Enabled on {@code port} ({@code 0}: any free port). */
    public static HealthSettings onPort(int port) {
        return new HealthSettings(true, port);
    }

    /**
     * Reads {@code NEO_HTTP_PORT}: blank or absent means the default 9464, {@code off} (any case) disables the
     * endpoint, otherwise a port number 0..65535.
     *
     * @throws ConfigException naming the variable and the bad value
     */
    public static HealthSettings from(Map<String, String> env) {
        String raw = env.get(HTTP_PORT.envVar());
        if (raw == null || raw.isBlank()) {
            return DEFAULTS;
        }
        String value = raw.strip();
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return OFF;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return onPort(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SettingsReader.problem(HTTP_PORT, printable(value), "must be a port number (1-65535) or off");
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
