package dev.neoagent.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Kotak's market-protection grid ({@code kotak-neo-wire.md} §10) and the protective limit of a stop-loss-market
 * order built from it.
 *
 * <p>Kotak refuses SL-M from API sessions, so the agent sends an SL-M as an SL ({@link OrderType#STOP_LIMIT}) whose
 * limit is one protection band beyond the trigger (redis-contract.md §2.2): once triggered, it trades like the
 * protected market order Kotak itself would have made of it, but never further than one band from the trigger.
 *
 * <p>The grid, by price (Kotak applies it to the last price of a market order; here it is applied to the trigger,
 * the price at which the stop becomes a market order):
 *
 * <ul>
 *   <li>{@link Grid#OPTION}: below 1, ₹0.10; 1 to 5, 10%; above 5 to 10, 5%; above 10 to 100, 3%; above 100 to 500,
 *       2%; above 500, 1%.</li>
 *   <li>{@link Grid#EQUITY_OR_FUTURE}: below 100, 2%; 100 to 500, 1%; above 500, 0.5%.</li>
 * </ul>
 *
 * <p>The reference gives the ranges as "&lt;1, 1–5, 5–10, 10–100, 100–500, &gt;500" (options) and "&lt;100,
 * 100–500, &gt;500" (equity and futures). Its explicit "&lt;" and "&gt;" are kept as written (1 and 100 open the
 * next range, 500 closes the one below it); the shared edges it leaves open (5, 10, and 100 for options) are read
 * the same way as 500: a range includes its upper edge. At each such edge this is the wider of the two bands.
 *
 * <p>Pure: no state, no I/O; every method is a function of its arguments.
 */
public final class MarketProtection {
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal FIVE = new BigDecimal("5");
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal FIVE_HUNDRED = new BigDecimal("500");
    private static final BigDecimal TEN_PAISE = new BigDecimal("0.10");

    private MarketProtection() {}

    /** Which column of the grid applies. */
    public enum Grid {
        /** Index and stock options. */
        OPTION,
        /** Cash equities and futures. */
        EQUITY_OR_FUTURE;

        /** {@link #OPTION} for an option, else {@link #EQUITY_OR_FUTURE}. */
        public static Grid of(boolean option) {
            return option ? OPTION : EQUITY_OR_FUTURE;
        }
    }

    /**
     * One market-protection band at {@code price}, in rupees, not rounded to any tick (3% of 12.35 is 0.3705).
     *
     * @throws IllegalArgumentException if {@code price} is not greater than 0
     */
    public static BigDecimal band(Grid grid, BigDecimal price) {
        Objects.requireNonNull(grid, "grid");
        Checks.positive(price, "price");
        return switch (grid) {
            case OPTION -> {
                if (price.compareTo(ONE) < 0) {
                    yield TEN_PAISE;
                }
                yield percent(price, optionPercent(price));
            }
            case EQUITY_OR_FUTURE -> percent(price, equityOrFuturePercent(price));
        };
    }

    /**
     * The limit price of a stop-loss-market order sent as a stop-limit: one band ({@link #band}) beyond the trigger,
     * above it for a BUY and below it for a SELL, snapped to the tick grid away from the trigger (up for a BUY, down
     * for a SELL), and at least one tick beyond the trigger when the band is smaller than a tick.
     *
     * <p>Examples (tick 0.05): option BUY, trigger 120 → 122.40; option SELL, trigger 10.05 → 9.70 (3% = 0.3015,
     * 9.7485 snapped down); equity BUY, trigger 1.00 → 1.05 (2% = 0.02 is less than a tick).
     *
     * @param trigger the stop's trigger price, on the tick grid
     * @param tick the contract's tick size ({@code NEO_INSTR_META} {@code tick}), greater than 0
     * @return the limit, with the tick's scale
     * @throws IllegalArgumentException if the trigger or the tick is not greater than 0, the trigger is not a
     *     multiple of the tick, or, for a SELL, the limit would not be above 0 (a trigger within one band of 0)
     */
    public static BigDecimal stopLimit(Side side, BigDecimal trigger, BigDecimal tick, Grid grid) {
        Objects.requireNonNull(side, "side");
        Checks.positive(trigger, "trigger price");
        Checks.positive(tick, "tick size");
        if (trigger.remainder(tick).signum() != 0) {
            throw new IllegalArgumentException("trigger price " + trigger.toPlainString()
                    + " is not a multiple of the tick size " + tick.toPlainString());
        }
        BigDecimal band = band(grid, trigger);
        return switch (side) {
            case BUY -> {
                BigDecimal limit = snap(trigger.add(band), tick, RoundingMode.CEILING);
                yield limit.max(snap(trigger.add(tick), tick, RoundingMode.CEILING));
            }
            case SELL -> {
                BigDecimal limit = snap(trigger.subtract(band), tick, RoundingMode.FLOOR);
                limit = limit.min(snap(trigger.subtract(tick), tick, RoundingMode.FLOOR));
                if (limit.signum() <= 0) {
                    throw new IllegalArgumentException("a SELL stop-loss-market order with trigger price "
                            + trigger.toPlainString() + " has no protective limit above 0: one market-protection"
                            + " band (" + band.toPlainString() + ") below the trigger, on the tick grid of "
                            + tick.toPlainString() + ", is " + limit.toPlainString());
                }
                yield limit;
            }
        };
    }

    private static BigDecimal optionPercent(BigDecimal price) {
        if (price.compareTo(FIVE) <= 0) {
            return new BigDecimal("10");
        }
        if (price.compareTo(TEN) <= 0) {
            return new BigDecimal("5");
        }
        if (price.compareTo(HUNDRED) <= 0) {
            return new BigDecimal("3");
        }
        if (price.compareTo(FIVE_HUNDRED) <= 0) {
            return new BigDecimal("2");
        }
        return ONE;
    }

    private static BigDecimal equityOrFuturePercent(BigDecimal price) {
        if (price.compareTo(HUNDRED) < 0) {
            return new BigDecimal("2");
        }
        if (price.compareTo(FIVE_HUNDRED) <= 0) {
            return ONE;
        }
        return new BigDecimal("0.5");
    }

    private static BigDecimal percent(BigDecimal price, BigDecimal percent) {
        return price.multiply(percent).movePointLeft(2);
    }

    /** The multiple of {@code tick} nearest {@code value} in the {@code direction} given (CEILING or FLOOR). */
    private static BigDecimal snap(BigDecimal value, BigDecimal tick, RoundingMode direction) {
        return value.divide(tick, 0, direction).multiply(tick);
    }
}
