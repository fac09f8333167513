package dev.neoagent.agent.oi;

import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The OI crossover engine (redis-contract.md §2.9). Which users trade is each user's own switch
 * ({@code OI_ENGINE_ENABLED} in their hash); these are the rules every user's engine follows.
 *
 * @param strikeStep     BULLISH sells the PE at {@code floor(spot / step) × step}, BEARISH the CE at
 *                       {@code ceil(spot / step) × step} ({@code NEO_OI_STRIKE_STEP}, default 100: the UI's rule)
 * @param expiry         which loaded expiry: the nearest, or the last of the nearest's month ({@code NEO_OI_EXPIRY})
 * @param signalMaxAge   a signal older than this is not traded ({@code NEO_OI_SIGNAL_MAX_AGE_MS}, default 120000)
 * @param sweep          how often a user's engine looks at the signals without a notification
 *                       ({@code NEO_OI_SWEEP_MS}, default 2000)
 */
public record OiSettings(BigDecimal strikeStep, Expiry expiry, Duration signalMaxAge, Duration sweep) {

    /** Which expiry an OI trade uses. */
    public enum Expiry {
        NEAREST,
        MONTHLY
    }

    public static final Setting STRIKE_STEP = new Setting(
            "NEO_OI_STRIKE_STEP", "--oi-strike-step", "100", "OI crossover strike rounding step, index points");
    public static final Setting EXPIRY = new Setting(
            "NEO_OI_EXPIRY",
            "--oi-expiry",
            "nearest",
            "OI crossover expiry: nearest (the nearest loaded), or monthly (the last expiry of that month)");
    public static final Setting SIGNAL_MAX_AGE_MS = new Setting(
            "NEO_OI_SIGNAL_MAX_AGE_MS",
            "--oi-signal-max-age-ms",
            "120000",
            "An OI signal older than this is not traded, milliseconds");
    public static final Setting SWEEP_MS = new Setting(
            "NEO_OI_SWEEP_MS",
            "--oi-sweep-ms",
            "2000",
            "How often each user's OI engine looks at the signals without a notification, milliseconds");

    public static final List<Setting> SETTINGS = List.of(STRIKE_STEP, EXPIRY, SIGNAL_MAX_AGE_MS, SWEEP_MS);

    public static final OiSettings DEFAULTS = from(Map.of());

    public OiSettings {
        Objects.requireNonNull(strikeStep, "strikeStep");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(signalMaxAge, "signalMaxAge");
        Objects.requireNonNull(sweep, "sweep");
    }

    public static OiSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        long step = settings.whole(STRIKE_STEP, 1, 10_000, "must be a whole number of index points from 1 to 10000");
        String expiry = settings.text(EXPIRY).strip().toLowerCase(Locale.ROOT);
        Expiry chosen = switch (expiry) {
            case "nearest" -> Expiry.NEAREST;
            case "monthly" -> Expiry.MONTHLY;
            default -> throw SettingsReader.problem(EXPIRY, expiry, "must be nearest or monthly");
        };
        return new OiSettings(
                BigDecimal.valueOf(step),
                chosen,
                Duration.ofMillis(settings.whole(SIGNAL_MAX_AGE_MS, 1000, 86_400_000, "must be 1000 to 86400000 ms")),
                Duration.ofMillis(settings.whole(SWEEP_MS, 100, 600_000, "must be 100 to 600000 ms")));
    }
}
