package dev.neoagent.agent.worker;

import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.config.ConfigException;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the long-running agent, beyond the process configuration. Environment variables,
 * read once at start.
 *
 * @param sweepInterval  how often each worker looks at its user's hash even without a notification
 *                       ({@code NEO_SWEEP_MS}, default 250)
 * @param shutdownGrace  how long SIGTERM waits for requests in progress ({@code NEO_SHUTDOWN_GRACE_MS},
 *                       default 20000)
 * @param leaseTtl       how long an agent's in-flight requests stay reserved after it stops renewing
 *                       its lease ({@code NEO_AGENT_LEASE_MS}, default 15000)
 * @param settlePause    pause between order-book reads that settle an unknown order outcome
 *                       ({@code NEO_SETTLE_PAUSE_MS}, default 500)
 * @param spot           the spot poller and the level engine's staleness bound ({@code NEO_SPOT*},
 *                       {@code NEO_MARKET_HOURS}; see {@link SpotSettings})
 */
public record AgentSettings(Duration sweepInterval, Duration shutdownGrace, Duration leaseTtl, Duration settlePause,
                            SpotSettings spot) {

    public static final AgentSettings DEFAULTS = new AgentSettings(Duration.ofMillis(250), Duration.ofSeconds(20),
            Duration.ofSeconds(15), Duration.ofMillis(500), SpotSettings.DEFAULTS);

    public static AgentSettings from(Map<String, String> env) {
        return new AgentSettings(
                millis(env, "NEO_SWEEP_MS", DEFAULTS.sweepInterval()),
                millis(env, "NEO_SHUTDOWN_GRACE_MS", DEFAULTS.shutdownGrace()),
                millis(env, "NEO_AGENT_LEASE_MS", DEFAULTS.leaseTtl()),
                millis(env, "NEO_SETTLE_PAUSE_MS", DEFAULTS.settlePause()),
                SpotSettings.from(env));
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": \"" + value + "\" is not a positive number of milliseconds");
        }
    }
}
