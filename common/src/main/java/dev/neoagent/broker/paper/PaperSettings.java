package dev.neoagent.broker.paper;

import dev.neoagent.config.ConfigException;
import dev.neoagent.config.Setting;
import dev.neoagent.config.SettingsReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tunables of paper trading, read once at start-up like every other setting.
 *
 * <p>Volatilities are fractions here ({@code 0.15}) but percentages in the environment
 * ({@code NEO_PAPER_IV=15}): a percentage is what a trader types, and a range check on it catches the
 * other spelling ({@code 0.15} is refused rather than silently becoming 0.15 %).
 *
 * @param capital             virtual funds of a new paper account, rupees; an existing account keeps the
 *                            capital it was created with (see {@link PaperStore})
 * @param impliedVolatility   the single Black-76 volatility used for every option premium
 * @param niftyVolatility     annualised volatility of the NIFTY random walk
 * @param bankNiftyVolatility annualised volatility of the BANKNIFTY random walk
 * @param tickInterval        how often the agent moves the market; also the time step of the walk
 * @param seed                seed of the random walk; empty means a different market every run
 * @param swing               a regular swing of the indices around their start level (see {@link Swing});
 *                            empty means a plain random walk
 */
public record PaperSettings(
        BigDecimal capital,
        double impliedVolatility,
        double niftyVolatility,
        double bankNiftyVolatility,
        Duration tickInterval,
        Optional<Long> seed,
        Optional<Swing> swing) {

    public static final Setting CAPITAL = new Setting(
            "NEO_PAPER_CAPITAL",
            "--paper-capital",
            "1000000",
            "Virtual capital of a new paper account, rupees (10,00,000 and 1_000_000 are accepted)");
    public static final Setting IMPLIED_VOL = new Setting(
            "NEO_PAPER_IV", "--paper-iv", "15", "Implied volatility of paper option premiums (Black-76), percent");
    public static final Setting NIFTY_VOL = new Setting(
            "NEO_PAPER_NIFTY_VOL", "--paper-nifty-vol", "14", "Annualised volatility of the simulated NIFTY, percent");
    public static final Setting BANKNIFTY_VOL = new Setting(
            "NEO_PAPER_BANKNIFTY_VOL",
            "--paper-banknifty-vol",
            "18",
            "Annualised volatility of the simulated BANKNIFTY, percent");
    public static final Setting TICK_MS = new Setting(
            "NEO_PAPER_TICK_MS", "--paper-tick-ms", "500", "Interval between simulated market moves, milliseconds");
    public static final Setting SEED = new Setting(
            "NEO_PAPER_SEED",
            "--paper-seed",
            "",
            "Seed of the simulated market, for a repeatable demo; empty means random");
    public static final Setting SWING = new Setting(
            "NEO_PAPER_SWING",
            "--paper-swing",
            "0",
            "Swing of the simulated indices around their start level, percent of the index "
                    + "(0.12 swings NIFTY by about 31 points each way); 0 means none");
    public static final Setting SWING_PERIOD_S = new Setting(
            "NEO_PAPER_SWING_PERIOD_S",
            "--paper-swing-period-s",
            "60",
            "Period of the simulated indices' swing, seconds");

    /** Every paper setting, in the order help texts show them. */
    public static final List<Setting> SETTINGS =
            List.of(CAPITAL, IMPLIED_VOL, NIFTY_VOL, BANKNIFTY_VOL, TICK_MS, SEED, SWING, SWING_PERIOD_S);

    public static final BigDecimal DEFAULT_CAPITAL = new BigDecimal("1000000");
    public static final BigDecimal MAX_CAPITAL = new BigDecimal("1000000000000");
    /** Volatility range accepted, in percent: wide enough for any index, narrow enough to catch typos. */
    static final double MIN_VOL_PERCENT = 1;

    static final double MAX_VOL_PERCENT = 300;
    static final long MIN_TICK_MS = 10;
    static final long MAX_TICK_MS = 60_000;

    public PaperSettings {
        Objects.requireNonNull(capital, "capital");
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(seed, "seed (use Optional.empty())");
        Objects.requireNonNull(swing, "swing (use Optional.empty())");
        if (capital.signum() <= 0 || capital.compareTo(MAX_CAPITAL) > 0) {
            throw new IllegalArgumentException(
                    "capital must be above 0 and at most " + MAX_CAPITAL + ", was " + capital);
        }
        requireVolatility("impliedVolatility", impliedVolatility);
        requireVolatility("niftyVolatility", niftyVolatility);
        requireVolatility("bankNiftyVolatility", bankNiftyVolatility);
        if (tickInterval.toMillis() < MIN_TICK_MS || tickInterval.toMillis() > MAX_TICK_MS) {
            throw new IllegalArgumentException("tickInterval must be between " + MIN_TICK_MS + " and " + MAX_TICK_MS
                    + " ms, was " + tickInterval.toMillis());
        }
    }

    /**
     * A regular swing of every index around its start level, on top of its random moves: what a demo needs
     * to see a level crossed within a known time, which a random walk cannot promise.
     *
     * @param amplitude how far the swing reaches either side of the start level, as a fraction of it
     *                  ({@code 0.0012} = 0.12 %, about 31 points of NIFTY)
     * @param period    time of one full swing, up and down
     */
    public record Swing(double amplitude, Duration period) {
        /** 5 % either side is already a wild day; more is a typo for a percentage. */
        static final double MAX_AMPLITUDE = 0.05;

        static final Duration MIN_PERIOD = Duration.ofSeconds(10);
        static final Duration MAX_PERIOD = Duration.ofHours(1);

        /** NIFTY swings about ±31 points and BANKNIFTY about ±71 around their start, once a minute. */
        // Declared after the limits: the constructor that checks against them runs during class initialisation.
        public static final Swing DEMO = new Swing(0.0012, Duration.ofSeconds(60));

        public Swing {
            Objects.requireNonNull(period, "period");
            if (!(amplitude > 0 && amplitude <= MAX_AMPLITUDE)) {
                throw new IllegalArgumentException(
                        "swing amplitude must be above 0 and at most " + MAX_AMPLITUDE + ", was " + amplitude);
            }
            if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("swing period must be between " + MIN_PERIOD.toSeconds() + " and "
                        + MAX_PERIOD.toSeconds() + " s, was " + period);
            }
        }
    }

    /** ₹10,00,000, IV 15 %, NIFTY 14 %, BANKNIFTY 18 %, a move every 500 ms, random seed, no swing. */
    public static PaperSettings defaults() {
        return new PaperSettings(
                DEFAULT_CAPITAL, 0.15, 0.14, 0.18, Duration.ofMillis(500), Optional.empty(), Optional.empty());
    }

    /**
     * Reads the {@link #SETTINGS} from environment-style values; missing or blank means the default.
     *
     * @throws ConfigException naming the variable and the bad value
     */
    public static PaperSettings from(Map<String, String> env) {
        SettingsReader settings = new SettingsReader(env);
        return new PaperSettings(
                capital(settings.text(CAPITAL)),
                volatility(IMPLIED_VOL, settings.text(IMPLIED_VOL)),
                volatility(NIFTY_VOL, settings.text(NIFTY_VOL)),
                volatility(BANKNIFTY_VOL, settings.text(BANKNIFTY_VOL)),
                Duration.ofMillis(settings.whole(
                        TICK_MS,
                        MIN_TICK_MS,
                        MAX_TICK_MS,
                        "must be a number of milliseconds between " + MIN_TICK_MS + " and " + MAX_TICK_MS)),
                settings.optional(SEED)
                        .map(raw -> settings.whole(SEED, Long.MIN_VALUE, Long.MAX_VALUE, "is not a whole number")),
                swing(settings));
    }

    public PaperSettings withCapital(BigDecimal newCapital) {
        return new PaperSettings(
                newCapital, impliedVolatility, niftyVolatility, bankNiftyVolatility, tickInterval, seed, swing);
    }

    public PaperSettings withImpliedVolatility(double volatility) {
        return new PaperSettings(capital, volatility, niftyVolatility, bankNiftyVolatility, tickInterval, seed, swing);
    }

    public PaperSettings withSeed(long newSeed) {
        return new PaperSettings(
                capital,
                impliedVolatility,
                niftyVolatility,
                bankNiftyVolatility,
                tickInterval,
                Optional.of(newSeed),
                swing);
    }

    public PaperSettings withSwing(Swing newSwing) {
        return new PaperSettings(
                capital,
                impliedVolatility,
                niftyVolatility,
                bankNiftyVolatility,
                tickInterval,
                seed,
                Optional.of(Objects.requireNonNull(newSwing, "swing")));
    }

    private static void requireVolatility(String what, double fraction) {
        double percent = fraction * 100;
        if (!(percent >= MIN_VOL_PERCENT && percent <= MAX_VOL_PERCENT)) {
            throw new IllegalArgumentException(what + " must be between " + MIN_VOL_PERCENT / 100 + " and "
                    + MAX_VOL_PERCENT / 100 + ", was " + fraction);
        }
    }

    private static BigDecimal capital(String raw) {
        BigDecimal amount;
        try {
            // Indian grouping (10,00,000) and Java-style underscores are how people write big amounts.
            amount = new BigDecimal(raw.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw problem(CAPITAL, raw, "is not an amount in rupees");
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX_CAPITAL) > 0) {
            throw problem(CAPITAL, raw, "must be above 0 and at most " + MAX_CAPITAL.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw problem(CAPITAL, raw, "has more than 2 decimals");
        }
        return amount;
    }

    private static double volatility(Setting setting, String raw) {
        String range = "must be a percentage between " + (int) MIN_VOL_PERCENT + " and " + (int) MAX_VOL_PERCENT
                + " (15 means 15%)";
        double percent = percent(setting, raw, range);
        if (!(percent >= MIN_VOL_PERCENT && percent <= MAX_VOL_PERCENT)) {
            throw problem(setting, raw, range);
        }
        return percent / 100;
    }

    /** {@code 15} or {@code 15%}; NaN passes through for the caller's range check to refuse. */
    private static double percent(Setting setting, String raw, String range) {
        try {
            return Double.parseDouble(
                    raw.endsWith("%") ? raw.substring(0, raw.length() - 1).strip() : raw);
        } catch (NumberFormatException e) {
            throw problem(setting, raw, range);
        }
    }

    /** Off when the amplitude is 0; the period is checked either way, so a typo in it never waits to surface. */
    private static Optional<Swing> swing(SettingsReader settings) {
        long min = Swing.MIN_PERIOD.toSeconds();
        long max = Swing.MAX_PERIOD.toSeconds();
        Duration period = Duration.ofSeconds(
                settings.whole(SWING_PERIOD_S, min, max, "must be a number of seconds between " + min + " and " + max));
        String rawAmplitude = settings.text(SWING);
        String range = "must be a percentage of the index above 0 and at most " + (int) (Swing.MAX_AMPLITUDE * 100)
                + " (0.12 means 0.12%), or 0 for no swing";
        double percent = percent(SWING, rawAmplitude, range);
        if (percent == 0) {
            return Optional.empty();
        }
        if (!(percent > 0 && percent <= Swing.MAX_AMPLITUDE * 100)) {
            throw problem(SWING, rawAmplitude, range);
        }
        return Optional.of(new Swing(percent / 100, period));
    }

    private static ConfigException problem(Setting setting, String raw, String problem) {
        return SettingsReader.problem(setting, raw, problem);
    }
}
