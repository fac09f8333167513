package dev.neoagent.agent.spot;

import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The market-data feed that writes the index spots (issue 11; the feed's URL is the broker's, {@code NEO_FEED_URL}).
 *
 * @param enabled      {@code NEO_FEED=on|off} (default on): off leaves the spots to the REST poller alone
 * @param stallTimeout {@code NEO_FEED_STALL_MS} (default 10000): no index tick for this long in market hours and the
 *                     feed reconnects; the REST poller has taken over long before (two poll intervals of silence)
 */
public record FeedSettings(boolean enabled, Duration stallTimeout) {

    public static final Setting FEED = new Setting(
            "NEO_FEED", "--feed", "on", "The broker's market-data feed for the index spots: on, or off for REST only");
    public static final Setting FEED_STALL_MS = new Setting(
            "NEO_FEED_STALL_MS",
            "--feed-stall-ms",
            "10000",
            "No index tick from the feed for this long in market hours: reconnect, milliseconds (at least 1000)");

    public static final List<Setting> SETTINGS = List.of(FEED, FEED_STALL_MS);

    public static final FeedSettings DEFAULTS = from(Map.of());

    public FeedSettings {
        Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    public static FeedSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        return new FeedSettings(
                settings.onOff(FEED),
                Duration.ofMillis(settings.whole(
                        FEED_STALL_MS, 1000, 3_600_000, "must be a number of milliseconds from 1000 to 3600000")));
    }
}
