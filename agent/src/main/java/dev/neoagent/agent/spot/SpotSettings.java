package dev.neoagent.agent.spot;

import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import dev.neoagent.config.UserConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the spot poller, read once at start from environment variables. A blank value means the default.
 *
 * @param enabled          {@code NEO_SPOT=on|off} (default on); off for deployments where another process writes
 *                         the spot keys
 * @param uid              {@code NEO_SPOT_UID}: whose broker account asks for the quotes (quotes need only its
 *                         consumer key); empty means the first configured user. The agent resolves it.
 * @param interval         {@code NEO_SPOT_INTERVAL_MS} (default 1000): time between polls in market hours
 * @param offHoursInterval {@code NEO_SPOT_OFF_HOURS_INTERVAL_MS} (default 60000): time between polls outside them
 * @param marketHours      {@code NEO_MARKET_HOURS=HH:mm-HH:mm} (default 09:15-15:30), weekdays, Asia/Kolkata
 * @param maxAge           {@code NEO_SPOT_MAX_AGE_MS} (default 5000): a spot older than this never fires a level
 *                         order (used by the level engine)
 */
public record SpotSettings(
        boolean enabled,
        Optional<String> uid,
        Duration interval,
        Duration offHoursInterval,
        MarketHours marketHours,
        Duration maxAge) {

    public static final Setting SPOT = new Setting(
            "NEO_SPOT",
            "--spot",
            "on",
            "Spot poller writing NF_SPOT/BN_SPOT: on, or off when another process writes them");
    public static final Setting SPOT_UID = new Setting(
            "NEO_SPOT_UID",
            "--spot-uid",
            "",
            "User whose broker account asks for the index quotes; empty means the first configured user");
    public static final Setting SPOT_INTERVAL_MS = new Setting(
            "NEO_SPOT_INTERVAL_MS",
            "--spot-interval-ms",
            "1000",
            "Spot poll interval in market hours, milliseconds (at least 100)");
    public static final Setting SPOT_OFF_HOURS_INTERVAL_MS = new Setting(
            "NEO_SPOT_OFF_HOURS_INTERVAL_MS",
            "--spot-off-hours-interval-ms",
            "60000",
            "Spot poll interval outside market hours, milliseconds");
    public static final Setting MARKET_HOURS = new Setting(
            "NEO_MARKET_HOURS",
            "--market-hours",
            "09:15-15:30",
            "Market hours, HH:mm-HH:mm, Monday to Friday, Asia/Kolkata (exchange holidays are not known)");
    public static final Setting SPOT_MAX_AGE_MS = new Setting(
            "NEO_SPOT_MAX_AGE_MS",
            "--spot-max-age-ms",
            "5000",
            "A spot value older than this never fires a level order, milliseconds");

    /** Every spot setting, in the order help texts show them. */
    public static final List<Setting> SETTINGS =
            List.of(SPOT, SPOT_UID, SPOT_INTERVAL_MS, SPOT_OFF_HOURS_INTERVAL_MS, MARKET_HOURS, SPOT_MAX_AGE_MS);

    /**
     * The shortest market-hours interval: the quotes call shares the account's broker rate limit (10 requests a
     * second) with that user's orders, so the poller must not take most of it.
     */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public static final SpotSettings DEFAULTS = new SpotSettings(
            true,
            Optional.empty(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            MarketHours.NSE,
            Duration.ofSeconds(5));

    public SpotSettings {
        Objects.requireNonNull(uid, "uid (use Optional.empty())");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(offHoursInterval, "offHoursInterval");
        Objects.requireNonNull(marketHours, "marketHours");
        Objects.requireNonNull(maxAge, "maxAge");
        uid.ifPresent(SpotSettings::checkUid);
        requireAtLeast(SPOT_INTERVAL_MS, interval, MIN_INTERVAL);
        requireAtLeast(SPOT_OFF_HOURS_INTERVAL_MS, offHoursInterval, MIN_INTERVAL);
        requireAtLeast(SPOT_MAX_AGE_MS, maxAge, Duration.ofMillis(1));
    }

    /**
     * Reads the settings from environment-variable-style values; keys not listed in {@link #SETTINGS} are ignored.
     *
     * @throws ConfigException naming the variable and the bad value
     */
    public static SpotSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        return new SpotSettings(
                settings.onOff(SPOT),
                settings.optional(SPOT_UID),
                millis(settings, SPOT_INTERVAL_MS),
                millis(settings, SPOT_OFF_HOURS_INTERVAL_MS),
                MarketHours.parse(MARKET_HOURS, settings.text(MARKET_HOURS)),
                millis(settings, SPOT_MAX_AGE_MS));
    }

    /** The interval to use at {@code now}: {@link #interval} in market hours, {@link #offHoursInterval} outside. */
    public Duration intervalAt(Instant now) {
        return marketHours.isOpen(now) ? interval : offHoursInterval;
    }

    private static Duration millis(SettingsReader settings, Setting setting) {
        return Duration.ofMillis(
                settings.whole(setting, Long.MIN_VALUE, Long.MAX_VALUE, "is not a whole number of milliseconds"));
    }

    private static void requireAtLeast(Setting setting, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw problem(
                    setting, String.valueOf(value.toMillis()), "must be at least " + min.toMillis() + " milliseconds");
        }
    }

    /** The same rules as a user id anywhere else (it names a user folder and a Redis hash). */
    private static void checkUid(String uid) {
        String problem = UserConfig.uidProblem(uid);
        if (problem != null) {
            throw problem(SPOT_UID, UserConfig.printable(uid), "is not a valid user id: " + problem);
        }
    }

    private static ConfigException problem(Setting setting, String shownValue, String problem) {
        return SettingsReader.problem(setting, shownValue, problem);
    }
}
