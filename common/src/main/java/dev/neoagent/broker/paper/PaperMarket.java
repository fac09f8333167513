package dev.neoagent.broker.paper;

import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.instruments.InstrumentMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p><b>Prices</b> handed out are {@code BigDecimal} on the contract's tick grid: a stock or future
 * trades at its underlying's level; an option at its Black-76 premium (forward = spot, r = 0,
 * configured implied volatility, calendar time to expiry at 15:30 IST), never below one tick.
 * The market is always open: paper trading is for trying the agent out, also at night.
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
            "FINNIFTY", 27_500.0, "MIDCPNIFTY", 13_500.0, "NIFTYNXT50", 68_000.0,
            "SENSEX", 84_500.0, "BANKEX", 63_000.0);
    private static final Map<QuoteKey, String> INDEX_QUOTES = Map.of(QuoteKey.NIFTY_50, NIFTY, QuoteKey.NIFTY_BANK, BANKNIFTY);
    private static final double TRADING_SECONDS_PER_YEAR = 252 * 6.25 * 3600;
    private static final double CALENDAR_SECONDS_PER_YEAR = 365.0 * 86_400;

    private final Object lock = new Object();
    private final Map<String, Underlying> underlyings = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final RandomGenerator random;
    private final Clock clock;
    private final double impliedVolatility;
    private final double stepYears;
    private final Duration tickInterval;
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
        this.lastMove = clock.instant();
        underlyings.put(NIFTY, new Underlying(NIFTY_START.doubleValue(), settings.niftyVolatility()));
        underlyings.put(BANKNIFTY, new Underlying(BANKNIFTY_START.doubleValue(), settings.bankNiftyVolatility()));
    }

    /** The process's market on the system clock, seeded from the settings when a seed is given. */
    public static PaperMarket create(PaperSettings settings) {
        RandomGenerator random = settings.seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
        return new PaperMarket(settings, random, Clock.systemUTC());
    }

    // ---- moving the market ----

    /** One step of every underlying's random walk; then the listeners are told. */
    public void tick() {
        synchronized (lock) {
            for (Underlying underlying : underlyings.values()) {
                underlying.step(random.nextGaussian(), stepYears);
            }
            lastMove = clock.instant();
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
        return executor.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Paper market tick failed; the next one will run", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Puts an underlying at a level (tests, demos: "what if NIFTY drops 300 points"); then tells the listeners. */
    public void setSpot(String underlying, BigDecimal level) {
        Objects.requireNonNull(underlying, "underlying");
        if (level == null || level.signum() <= 0) {
            throw new IllegalArgumentException("spot of " + underlying + " must be positive, was " + level);
        }
        synchronized (lock) {
            Underlying known = underlyings.get(underlying);
            if (known == null) {
                underlyings.put(underlying, new Underlying(level.doubleValue(), EQUITY_VOLATILITY));
            } else {
                known.level = level.doubleValue();
            }
            lastMove = clock.instant();
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
            return BigDecimal.valueOf(levelOf(underlying, Optional.empty()).level).setScale(2, RoundingMode.HALF_UP);
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
        String underlying = INDEX_QUOTES.get(key);
        if (underlying == null) {
            return Optional.empty();
        }
        synchronized (lock) {
            Underlying index = underlyings.get(underlying);
            return Optional.of(new Quote(key, BigDecimal.valueOf(index.level).setScale(2, RoundingMode.HALF_UP),
                    Optional.of(BigDecimal.valueOf(index.start).setScale(2, RoundingMode.HALF_UP)),
                    Optional.of(lastMove)));
        }
    }

    /** Quote of a contract; the update time is that of the market's last move. */
    public Quote quote(QuoteKey key, InstrumentMeta contract) {
        synchronized (lock) {
            Underlying underlying = underlyingOf(contract);
            Instant now = clock.instant();
            return new Quote(key, priceAt(contract, underlying.level, now),
                    Optional.of(priceAt(contract, underlying.start, now)), Optional.of(lastMove));
        }
    }

    // ---- model ----

    private BigDecimal priceAt(InstrumentMeta contract, double level, Instant now) {
        if (!contract.isOption()) {
            return onTickGrid(level, contract.tick());
        }
        double strike = contract.strike().map(BigDecimal::doubleValue).orElse(level);
        double years = yearsToExpiry(contract.expiry(), now);
        double premium = contract.optionType().get().equals("CE")
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
        Optional<Double> optionStart = contract.isOption() ? contract.strike().map(BigDecimal::doubleValue) : Optional.empty();
        return levelOf(contract.name(), optionStart);
    }

    /** The named underlying, created on first use (see the class comment for where it starts). */
    private Underlying levelOf(String name, Optional<Double> optionStart) {
        return underlyings.computeIfAbsent(name, n -> {
            Double index = OTHER_INDICES.get(n);
            if (index != null) {
                return new Underlying(index, OTHER_INDEX_VOLATILITY);
            }
            return new Underlying(optionStart.orElseGet(() -> hashLevel(n)), EQUITY_VOLATILITY);
        });
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

    /** One random walk; guarded by the market's lock. */
    private static final class Underlying {
        final double start;
        final double volatility;
        double level;

        Underlying(double start, double volatility) {
            this.start = start;
            this.volatility = volatility;
            this.level = start;
        }

        void step(double shock, double years) {
            level *= Math.exp(-volatility * volatility * years / 2 + volatility * Math.sqrt(years) * shock);
        }
    }
}
