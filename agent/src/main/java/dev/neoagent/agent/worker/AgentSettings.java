package dev.neoagent.agent.worker;

import dev.neoagent.agent.oi.OiSettings;
import dev.neoagent.agent.spot.FeedSettings;
import dev.neoagent.agent.spot.SpotSettings;
import dev.neoagent.agent.state.OrderSettings;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the long-running agent, beyond the process configuration. Environment variables,
 * read once at start.
 *
 * @param sweepInterval  how often the agent's safety sweep looks at every user's request flags, in case a keyspace
 *                       notification was lost ({@code NEO_SWEEP_MS}, default 2000); the level engine re-reads the spot
 *                       of armed levels as often
 * @param shutdownGrace  how long SIGTERM waits for requests in progress ({@code NEO_SHUTDOWN_GRACE_MS},
 *                       default 20000)
 * @param leaseTtl       the agent's lease ({@code NEO_AGENT_LEASE_MS}, default 10000): how long after an agent stops
 *                       renewing it its users stay its own (another agent takes them over then) and its in-flight
 *                       requests stay reserved (then settled from the order book)
 * @param settlePause    pause between order-book reads that settle an unknown order outcome
 *                       ({@code NEO_SETTLE_PAUSE_MS}, default 500)
 * @param spot           the spot poller and the level engine's staleness bound ({@code NEO_SPOT*},
 *                       {@code NEO_MARKET_HOURS}; see {@link SpotSettings})
 * @param feed           the market-data feed ({@code NEO_FEED}, {@code NEO_FEED_STALL_MS}; see {@link FeedSettings})
 * @param orders         following orders after they are sent: confirmation window, hedge timeout, the order feed
 *                       ({@code NEO_ORDER_*}, {@code NEO_HEDGE_TIMEOUT_MS}; see {@link OrderSettings})
 * @param oi             the OI crossover engine's rules ({@code NEO_OI_*}; see {@link OiSettings})
 */
public record AgentSettings(
        Duration sweepInterval,
        Duration shutdownGrace,
        Duration leaseTtl,
        Duration settlePause,
        SpotSettings spot,
        FeedSettings feed,
        OrderSettings orders,
        OiSettings oi) {

    /** With the default feed, order and OI settings. */
    public AgentSettings(
            Duration sweepInterval,
            Duration shutdownGrace,
            Duration leaseTtl,
            Duration settlePause,
            SpotSettings spot) {
        this(sweepInterval, shutdownGrace, leaseTtl, settlePause, spot, FeedSettings.DEFAULTS, OrderSettings.DEFAULTS);
    }

    /** With the default OI settings. */
    public AgentSettings(
            Duration sweepInterval,
            Duration shutdownGrace,
            Duration leaseTtl,
            Duration settlePause,
            SpotSettings spot,
            FeedSettings feed,
            OrderSettings orders) {
        this(sweepInterval, shutdownGrace, leaseTtl, settlePause, spot, feed, orders, OiSettings.DEFAULTS);
    }

    /** These settings with another agent lease. */
    public AgentSettings withLeaseTtl(Duration lease) {
        return new AgentSettings(sweepInterval, shutdownGrace, lease, settlePause, spot, feed, orders, oi);
    }

    public static final Setting SWEEP_MS = new Setting(
            "NEO_SWEEP_MS",
            "--sweep-ms",
            // every 2 s: one flag read per user per sweep keeps an idle user under one Redis command a second
            "2000",
            "How often the safety sweep looks at every user's request flags (a lost notification), milliseconds");
    public static final Setting SHUTDOWN_GRACE_MS = new Setting(
            "NEO_SHUTDOWN_GRACE_MS",
            "--shutdown-grace-ms",
            "20000",
            "How long a stop waits for requests in progress, milliseconds");
    public static final Setting AGENT_LEASE_MS = new Setting(
            "NEO_AGENT_LEASE_MS",
            "--agent-lease-ms",
            "10000",
            "How long a stopped agent keeps its users and in-flight requests before another agent takes them over, "
                    + "milliseconds");
    public static final Setting SETTLE_PAUSE_MS = new Setting(
            "NEO_SETTLE_PAUSE_MS",
            "--settle-pause-ms",
            "500",
            "Pause between order-book reads that settle an unknown order outcome, milliseconds");

    /**
     * The agent's own settings; the spot, feed and order settings are {@link SpotSettings#SETTINGS},
     * {@link FeedSettings#SETTINGS} and {@link OrderSettings#SETTINGS}.
     */
    public static final List<Setting> SETTINGS = List.of(SWEEP_MS, SHUTDOWN_GRACE_MS, AGENT_LEASE_MS, SETTLE_PAUSE_MS);

    public static final AgentSettings DEFAULTS = from(Map.of());

    /** The same settings with other order settings (tests, the demo). */
    public AgentSettings withOrders(OrderSettings newOrders) {
        return new AgentSettings(sweepInterval, shutdownGrace, leaseTtl, settlePause, spot, feed, newOrders, oi);
    }

    /** The same settings with other OI settings. */
    public AgentSettings withOi(OiSettings newOi) {
        return new AgentSettings(sweepInterval, shutdownGrace, leaseTtl, settlePause, spot, feed, orders, newOi);
    }

    /** The same settings with other feed settings. */
    public AgentSettings withFeed(FeedSettings newFeed) {
        return new AgentSettings(sweepInterval, shutdownGrace, leaseTtl, settlePause, spot, newFeed, orders, oi);
    }

    public static AgentSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        return new AgentSettings(
                positiveMillis(settings, SWEEP_MS),
                positiveMillis(settings, SHUTDOWN_GRACE_MS),
                positiveMillis(settings, AGENT_LEASE_MS),
                positiveMillis(settings, SETTLE_PAUSE_MS),
                SpotSettings.from(env),
                FeedSettings.from(env),
                OrderSettings.from(env),
                OiSettings.from(env));
    }

    private static Duration positiveMillis(SettingsReader settings, Setting setting) {
        return Duration.ofMillis(
                settings.whole(setting, 1, Long.MAX_VALUE, "is not a positive number of milliseconds"));
    }
}
