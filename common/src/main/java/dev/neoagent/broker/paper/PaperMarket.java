package dev.neoagent.broker.paper;

import dev.neoagent.domain.MarketIndex;
import dev.neoagent.domain.OptionType;
import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.instruments.InstrumentMeta;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated market: one per process, shared by every paper account so that all of them (and the
 * spot poller) see the same prices.
 *
 * <p><b>Underlyings</b> move as a geometric random walk, one step per {@link #tick()}:
 * {@code S ← S·exp(−σ²Δt/2 + σ√Δt·Z)}, with Δt the configured tick interval measured in trading
 * time (252 sessions of 6¼ h a year), so a 500 ms tick moves NIFTY by about one point and a minute
 * by about a dozen, as on a quiet day. NIFTY starts at 25,900 and BANKNIFTY at 59,000 with their
 * configured volatilities; a few other indices start at known levels; any other underlying (a stock,
 * or the stock behind a stock option) starts at a level derived from its name's hash, between 100
 * and 3,000, with 25 % volatility. An option on an underlying nobody priced yet starts it at the
 * option's strike, so its chain is centred where the user is looking.
 *
 * <p><b>With a swing</b> ({@link PaperSettings#swing()}, for the demo) every index (NIFTY, BANKNIFTY and the
 * other indices above) instead follows {@code S(t) = start·exp(A·cos(2πt/P) + x)}: a regular swing of
 * amplitude A and period P around its start level, t being the time since the market was created (by its
 * clock), plus a noise x that every tick moves as {@code x ← φ·x + σ√Δt·Z}, the same shock as the walk's.
 * φ is chosen so that x's standard deviation settles at A/4 (φ = √(1 − (σ√Δt / (A/4))²)), so the noise
 * never hides the swing. Consequence: an index crosses its start level downward and upward once every
 * period, about a quarter and three quarters of the way through (the noise moves each crossing by P/8π,
 * some 2.4 s for a minute, at one standard deviation); with {@link PaperSettings.Swing#DEMO} NIFTY swings
 * about ±31 points around 25,900 once a minute, so a level order at 25,900 fires within a period, give or
 * take those seconds, whenever it is placed, and within about 45 s when placed as the market starts.
 * The swing starts at its crest (cos, not sin): an index starting on its start level would come back to
 * it only at the very end of the first period, so whether a level order placed at start-up fired within
 * one period would be a coin toss decided by the noise. With a tick so long, or a volatility
 * so high, that one shock exceeds A/4, φ is 0 and the noise is as large as one shock. Stocks and any other
 * underlying keep the plain walk.
 *
 * <p><b>Prices</b> handed out are {@code BigDecimal} on the contract's tick grid: a stock or future
 * trades at its underlying's level; an option at its Black-76 premium (forward = spot, r = 0,
 * configured implied volatility, calendar time to expiry at 15:30 IST), never below one tick.
 * The market is always open: paper trading is for trying the agent out, also at night.
 *
 * <p><b>{@link #setSpot}</b> puts an underlying at a level at once. With a swing this shifts an index's noise x
 * (to {@code ln(level/start) − A·cos(2πt/P)}), which then fades back into the swing at the rate of φ (about a
 * minute with the demo swing at the default tick), as a surprise move would.
 *
 * <p><b>Listeners</b> registered with {@link #onMove} are called after every move, outside the
 * market's lock, on the thread that moved it; paper brokers use this to fill resting orders.
 */
public final class PaperMarket {
    private static final Logger log = LoggerFactory.getLogger(PaperMarket.class);

    /** Underlying names as the instrument master writes them ({@code InstrumentMeta.name()}). */
    public static final String NIFTY = "NIFTY";

    public static final String BANKNIFTY = "BANKNIFTY";
    public static final BigDecimal NIFTY_START = new BigDecimal("25900");
    public static final BigDecimal BANKNIFTY_START = new BigDecimal("59000");

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalTime EXPIRY_TIME = LocalTime.of(15, 30);
    static final double EQUITY_VOLATILITY = 0.25;
    static final double OTHER_INDEX_VOLATILITY = 0.16;
    /** Other index underlyings, at approximate late-2025 levels, so their option chains look sane. */
    private static final Map<String, Double> OTHER_INDICES = Map.of(
            "FINNIFTY",
            27_500.0,
            "MIDCPNIFTY",
            13_500.0,
            "NIFTYNXT50",
            68_000.0,
            "SENSEX",
            84_500.0,
            "BANKEX",
            63_000.0);

    private static final Map<MarketIndex, String> INDEX_QUOTES =
            Map.of(MarketIndex.NIFTY_50, NIFTY, MarketIndex.NIFTY_BANK, BANKNIFTY);
    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.25 * 3600;
    private static final double CALENDAR_SECONDS_PER_YEAR = 365.0 * 86_400;

    private final Object lock = new Object();
    /** Insertion order is the order of the random draws: a seeded market stays repeatable. */
    private final Map<String, Underlying> underlyings = new LinkedHashMap<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final RandomGenerator random;
    private final Clock clock;
    private final double impliedVolatility;
    private final double stepYears;
    private final Duration tickInterval;
    private final Optional<PaperSettings.Swing> swing;
    /** Where the indices' swing starts. */
    private final Instant createdAt;

    private Instant lastMove;

    /**
     * @param random source of the walk's shocks; seed it for a repeatable market
     * @param clock  time of quotes and of option time-to-expiry
     */
    public PaperMarket(PaperSettings settings, RandomGenerator random, Clock clock) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.impliedVolatility = settings.impliedVolatility();
        this.tickInterval = settings.tickInterval();
        this.stepYears = tickInterval.toMillis() / 1000.0 / TRADING_SECONDS_PER_YEAR;
        this.swing = settings.swing();
        this.createdAt = clock.instant();
        this.lastMove = createdAt;
        underlyings.put(NIFTY, newIndex(NIFTY_START.doubleValue(), settings.niftyVolatility(), createdAt));
        underlyings.put(BANKNIFTY, newIndex(BANKNIFTY_START.doubleValue(), settings.bankNiftyVolatility(), createdAt));
    }

    /** The process's market on the system clock, seeded from the settings when a seed is given. */
    public static PaperMarket create(PaperSettings settings) {
        RandomGenerator random = settings.seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
        return new PaperMarket(settings, random, Clock.systemUTC());
    }

    // ---- moving the market ----

    /** One step of every underlying (one random draw each, in creation order); then the listeners are told. */
    public void tick() {
        synchronized (lock) {
            Instant now = clock.instant();
            double seconds = secondsSinceCreation(now);
            for (Underlying underlying : underlyings.values()) {
                underlying.step(random.nextGaussian(), seconds);
            }
            lastMove = now;
        }
        notifyListeners();
    }

    /**
     * Moves the market every tick interval on {@code executor}. A failing tick is logged and the
     * schedule goes on (an exception would silently cancel a fixed-rate schedule).
     */
    public ScheduledFuture<?> scheduleTicks(ScheduledExecutorService executor) {
        long millis = tickInterval.toMillis();
        log.info("Paper market moving every {} ms", millis);
        return executor.scheduleAtFixedRate(
                () -> {
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        log.warn("Paper market tick failed; the next one will run", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Puts an underlying at a level (tests, demos: "what if NIFTY drops 300 points"); then tells the listeners.
     * A swinging index is at the level now and drifts back into its swing from there (see the class comment);
     * an underlying nobody priced yet starts at the level and walks.
     */
    public void setSpot(String underlying, BigDecimal level) {
        Objects.requireNonNull(underlying, "underlying");
        if (level == null || level.signum() <= 0) {
            throw new IllegalArgumentException("spot of " + underlying + " must be positive, was " + level);
        }
        synchronized (lock) {
            Instant now = clock.instant();
            Underlying known = underlyings.get(underlying);
            if (known == null) {
                underlyings.put(underlying, new RandomWalk(level.doubleValue(), EQUITY_VOLATILITY, stepYears));
            } else {
                known.moveTo(level.doubleValue(), secondsSinceCreation(now));
            }
            lastMove = now;
        }
        notifyListeners();
    }

    /** Called after every move, outside the market's lock. Close the subscription to stop. */
    public Subscription onMove(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A registration with {@link #onMove}; closing it twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    // ---- prices ----

    /** An underlying's level, two decimals as indices are published. */
    public BigDecimal spot(String underlying) {
        synchronized (lock) {
            return BigDecimal.valueOf(levelOf(underlying, Optional.empty()).level)
                    .setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** What the contract trades at now (see the class comment for the model). */
    public BigDecimal lastPrice(InstrumentMeta contract) {
        synchronized (lock) {
            return priceAt(contract, underlyingOf(contract).level, clock.instant());
        }
    }

    /** The contract valued at its underlying's starting level, standing in for yesterday's close. */
    public BigDecimal previousClose(InstrumentMeta contract) {
        synchronized (lock) {
            return priceAt(contract, underlyingOf(contract).start, clock.instant());
        }
    }

    /** The level of the underlying a contract is priced from: what option-writing margin is based on. */
    public BigDecimal underlyingLevel(InstrumentMeta contract) {
        synchronized (lock) {
            return BigDecimal.valueOf(underlyingOf(contract).level).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** Quote of NIFTY 50 or NIFTY BANK; empty for any other key. */
    public Optional<Quote> indexQuote(QuoteKey key) {
        if (!(key instanceof QuoteKey.Index wanted)) {
            return Optional.empty();
        }
        String underlying = INDEX_QUOTES.get(wanted.index());
        synchronized (lock) {
            Underlying index = underlyings.get(underlying);
            return Optional.of(new Quote(
                    key,
                    BigDecimal.valueOf(index.level).setScale(2, RoundingMode.HALF_UP),
                    Optional.of(BigDecimal.valueOf(index.start).setScale(2, RoundingMode.HALF_UP)),
                    Optional.of(lastMove)));
        }
    }

    /** Quote of a contract; the update time is that of the market's last move. */
    public Quote quote(QuoteKey key, InstrumentMeta contract) {
        synchronized (lock) {
            Underlying underlying = underlyingOf(contract);
            Instant now = clock.instant();
            return new Quote(
                    key,
                    priceAt(contract, underlying.level, now),
                    Optional.of(priceAt(contract, underlying.start, now)),
                    Optional.of(lastMove));
        }
    }

    // ---- model ----

    private BigDecimal priceAt(InstrumentMeta contract, double level, Instant now) {
        if (!contract.isOption()) {
            return onTickGrid(level, contract.tick());
        }
        double strike = contract.strike().map(BigDecimal::doubleValue).orElse(level);
        double years = yearsToExpiry(contract.expiry(), now);
        double premium = contract.optionType().get() == OptionType.CE
                ? Black76.call(level, strike, impliedVolatility, years)
                : Black76.put(level, strike, impliedVolatility, years);
        return onTickGrid(premium, contract.tick());
    }

    /** Calendar years until 15:30 IST of the expiry day; 0 once expired or when no expiry is known. */
    static double yearsToExpiry(Optional<LocalDate> expiry, Instant now) {
        if (expiry.isEmpty()) {
            return 0;
        }
        Instant expiresAt = expiry.get().atTime(EXPIRY_TIME).atZone(IST).toInstant();
        double seconds = Duration.between(now, expiresAt).toMillis() / 1000.0;
        return Math.max(0, seconds / CALENDAR_SECONDS_PER_YEAR);
    }

    /** Nearest multiple of the tick, but at least one tick: a worthless option still trades at 0.05. */
    static BigDecimal onTickGrid(double price, BigDecimal tick) {
        BigDecimal ticks = BigDecimal.valueOf(price).divide(tick, 0, RoundingMode.HALF_UP);
        BigDecimal onGrid = ticks.max(BigDecimal.ONE).multiply(tick);
        return onGrid.setScale(Math.max(2, tick.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    private Underlying underlyingOf(InstrumentMeta contract) {
        Optional<Double> optionStart =
                contract.isOption() ? contract.strike().map(BigDecimal::doubleValue) : Optional.empty();
        return levelOf(contract.name(), optionStart);
    }

    /** The named underlying, created on first use (see the class comment for where it starts). */
    private Underlying levelOf(String name, Optional<Double> optionStart) {
        return underlyings.computeIfAbsent(name, n -> {
            Double index = OTHER_INDICES.get(n);
            if (index != null) {
                return newIndex(index, OTHER_INDEX_VOLATILITY, clock.instant());
            }
            return new RandomWalk(optionStart.orElseGet(() -> hashLevel(n)), EQUITY_VOLATILITY, stepYears);
        });
    }

    /** An index swings when the settings ask for it; one created late joins the swing in step with the others. */
    private Underlying newIndex(double start, double volatility, Instant now) {
        return swing.<Underlying>map(s -> new SwingingIndex(start, volatility, stepYears, s, secondsSinceCreation(now)))
                .orElseGet(() -> new RandomWalk(start, volatility, stepYears));
    }

    private double secondsSinceCreation(Instant now) {
        return Duration.between(createdAt, now).toNanos() / 1e9;
    }

    /** 100 to 3,000 from the name: the same stock starts at the same price in every run. */
    static double hashLevel(String name) {
        return 100 + Math.floorMod(name.hashCode(), 2_901);
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("Paper market listener failed", e);
            }
        }
    }

    /** One underlying's level; guarded by the market's lock. */
    private abstract static class Underlying {
        /** Where it started: what previous closes are valued at. */
        final double start;

        double level;

        Underlying(double start, double level) {
            this.start = start;
            this.level = level;
        }

        /**
         * One tick.
         *
         * @param shock   a standard normal draw
         * @param seconds time since the market was created
         */
        abstract void step(double shock, double seconds);

        /** {@link #setSpot}: at {@code newLevel} now, moving on from there. */
        abstract void moveTo(double newLevel, double seconds);
    }

    /** A geometric random walk, one step of {@code years} per tick. */
    private static final class RandomWalk extends Underlying {
        private final double volatility;
        private final double years;

        RandomWalk(double start, double volatility, double years) {
            super(start, start);
            this.volatility = volatility;
            this.years = years;
        }

        @Override
        void step(double shock, double seconds) {
            level *= Math.exp(-volatility * volatility * years / 2 + volatility * Math.sqrt(years) * shock);
        }

        @Override
        void moveTo(double newLevel, double seconds) {
            level = newLevel;
        }
    }

    /** An index on a regular swing plus a mean-reverting noise (see the class comment). */
    private static final class SwingingIndex extends Underlying {
        private final double amplitude;
        private final double radiansPerSecond;
        /** σ√Δt: the walk's per-tick shock, so the index is as jittery from tick to tick as without the swing. */
        private final double shockSize;

        private final double persistence;
        private double noise;

        SwingingIndex(double start, double volatility, double years, PaperSettings.Swing swing, double seconds) {
            super(start, start);
            this.amplitude = swing.amplitude();
            this.radiansPerSecond = 2 * Math.PI / (swing.period().toNanos() / 1e9);
            this.shockSize = volatility * Math.sqrt(years);
            this.persistence = persistence(shockSize, amplitude);
            this.level = levelAt(seconds);
        }

        @Override
        void step(double shock, double seconds) {
            noise = persistence * noise + shockSize * shock;
            level = levelAt(seconds);
        }

        @Override
        void moveTo(double newLevel, double seconds) {
            noise = Math.log(newLevel / start) - swingAt(seconds);
            level = newLevel; // exactly as asked, not as recomputed through exp(log(...))
        }

        private double levelAt(double seconds) {
            return start * Math.exp(swingAt(seconds) + noise);
        }

        private double swingAt(double seconds) {
            return amplitude * Math.cos(radiansPerSecond * seconds);
        }
    }

    /**
     * φ of the noise {@code x ← φ·x + shock·Z}, whose variance settles at {@code shock² / (1 − φ²)}: the φ
     * that makes its standard deviation a quarter of the swing's amplitude, so the swing shows through.
     * 0 when one shock alone is larger than that; always below 1, where the noise would wander off for good.
     */
    static double persistence(double shockSize, double amplitude) {
        double ratio = shockSize / (amplitude / 4);
        double phi = Math.sqrt(Math.max(0, 1 - ratio * ratio));
        return Math.min(phi, Math.nextDown(1.0));
    }
}
