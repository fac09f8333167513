package dev.neoagent.domain;

import static dev.neoagent.domain.MarketProtection.Grid.EQUITY_OR_FUTURE;
import static dev.neoagent.domain.MarketProtection.Grid.OPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neoagent.domain.MarketProtection.Grid;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The §10 grid at and around every band edge, and the protective limit of an SL-M sent as SL. */
class MarketProtectionTest {
    private static final BigDecimal TICK = new BigDecimal("0.05");

    private static BigDecimal limit(Side side, String trigger, String tick, Grid grid) {
        return MarketProtection.stopLimit(side, new BigDecimal(trigger), new BigDecimal(tick), grid);
    }

    @ParameterizedTest(name = "option at {0}: band {1}")
    @CsvSource({
        "0.05, 0.10",
        "0.95, 0.10",
        "0.99, 0.10",
        // 1 opens the 10% range: "<1" is ₹0.10
        "1, 0.10",
        "1.00, 0.10",
        "4.95, 0.495",
        // the upper edge belongs to the range below it
        "5, 0.50",
        "5.05, 0.2525",
        "10, 0.50",
        "10.05, 0.3015",
        "100, 3.00",
        "100.05, 2.0010",
        "500, 10.00",
        "500.05, 5.0005",
        "2500, 25.00"
    })
    void optionBands(String price, String band) {
        assertThat(MarketProtection.band(OPTION, new BigDecimal(price))).isEqualByComparingTo(band);
    }

    @ParameterizedTest(name = "equity or future at {0}: band {1}")
    @CsvSource({
        "0.05, 0.001",
        "99.95, 1.999",
        // "<100" is 2%: 100 itself is in the 1% range
        "100, 1.00",
        "100.05, 1.0005",
        // ">500" is 0.5%: 500 itself is still 1%
        "500, 5.00",
        "500.05, 2.50025",
        "25980.30, 129.9015"
    })
    void equityAndFutureBands(String price, String band) {
        assertThat(MarketProtection.band(EQUITY_OR_FUTURE, new BigDecimal(price)))
                .isEqualByComparingTo(band);
    }

    @ParameterizedTest(name = "option {0} at trigger {1}: limit {2}")
    @CsvSource({
        // ₹0.10 below 1
        "BUY, 0.50, 0.60",
        "SELL, 0.50, 0.40",
        "BUY, 0.95, 1.05",
        "SELL, 0.95, 0.85",
        // 10% from 1 to 5
        "BUY, 1.00, 1.10",
        "SELL, 1.00, 0.90",
        "BUY, 5.00, 5.50",
        "SELL, 5.00, 4.50",
        // 5%: 5.05 ± 0.2525 snapped away from the trigger
        "BUY, 5.05, 5.35",
        "SELL, 5.05, 4.75",
        "BUY, 10.00, 10.50",
        "SELL, 10.00, 9.50",
        // 3%: 10.05 ± 0.3015
        "BUY, 10.05, 10.40",
        "SELL, 10.05, 9.70",
        "BUY, 100.00, 103.00",
        "SELL, 100.00, 97.00",
        // 2%: 100.05 ± 2.001
        "BUY, 100.05, 102.10",
        "SELL, 100.05, 98.00",
        "BUY, 120, 122.40",
        "SELL, 120, 117.60",
        "BUY, 500.00, 510.00",
        "SELL, 500.00, 490.00",
        // 1%: 500.05 ± 5.0005
        "BUY, 500.05, 505.10",
        "SELL, 500.05, 495.00"
    })
    void optionStopLimits(Side side, String trigger, String expected) {
        BigDecimal limit = limit(side, trigger, "0.05", OPTION);

        assertThat(limit).isEqualByComparingTo(expected);
        assertThat(limit.remainder(TICK)).isZero();
        assertThat(limit.scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "equity/future {0} at trigger {1}, tick {2}: limit {3}")
    @CsvSource({
        // 2%: 99.95 ± 1.999
        "BUY, 99.95, 0.05, 101.95",
        "SELL, 99.95, 0.05, 97.95",
        "BUY, 100.00, 0.05, 101.00",
        "SELL, 100.00, 0.05, 99.00",
        "BUY, 500.00, 0.05, 505.00",
        "SELL, 500.00, 0.05, 495.00",
        // 0.5%: 500.05 ± 2.50025
        "BUY, 500.05, 0.05, 502.60",
        "SELL, 500.05, 0.05, 497.50",
        "BUY, 250.00, 0.01, 252.50",
        "SELL, 250.00, 0.01, 247.50",
        // a NIFTY future on a 0.10 grid: 0.5% of 25980.30 is 129.9015
        "BUY, 25980.30, 0.10, 26110.30",
        "SELL, 25980.30, 0.10, 25850.30"
    })
    void equityAndFutureStopLimits(Side side, String trigger, String tick, String expected) {
        BigDecimal limit = limit(side, trigger, tick, EQUITY_OR_FUTURE);

        assertThat(limit).isEqualByComparingTo(expected);
        assertThat(limit.remainder(new BigDecimal(tick))).isZero();
    }

    @Test
    void aBandSmallerThanATickStillPutsTheLimitOneTickBeyondTheTrigger() {
        // 2% of 1.00 is 0.02, less than the 0.05 tick
        assertThat(limit(Side.BUY, "1.00", "0.05", EQUITY_OR_FUTURE)).isEqualByComparingTo("1.05");
        assertThat(limit(Side.SELL, "1.00", "0.05", EQUITY_OR_FUTURE)).isEqualByComparingTo("0.95");
        // 2% of 0.10 is 0.002
        assertThat(limit(Side.BUY, "0.10", "0.05", EQUITY_OR_FUTURE)).isEqualByComparingTo("0.15");
        assertThat(limit(Side.SELL, "0.10", "0.05", EQUITY_OR_FUTURE)).isEqualByComparingTo("0.05");
    }

    @Test
    void theLimitIsAlwaysStrictlyBeyondTheTriggerOnTheGrid() {
        for (Grid grid : Grid.values()) {
            for (int paise = 5; paise <= 120_000; paise += 5) {
                BigDecimal trigger = BigDecimal.valueOf(paise, 2);
                BigDecimal buy = MarketProtection.stopLimit(Side.BUY, trigger, TICK, grid);
                BigDecimal band = MarketProtection.band(grid, trigger);
                assertThat(buy.subtract(trigger)).as("BUY %s %s", grid, trigger).isGreaterThanOrEqualTo(TICK);
                assertThat(buy.subtract(trigger)).isGreaterThanOrEqualTo(band);
                assertThat(buy.subtract(trigger)).isLessThan(band.max(TICK).add(TICK));
                assertThat(buy.remainder(TICK)).isZero();
                if (trigger.subtract(band.max(TICK)).compareTo(TICK) >= 0) {
                    BigDecimal sell = MarketProtection.stopLimit(Side.SELL, trigger, TICK, grid);
                    assertThat(trigger.subtract(sell))
                            .as("SELL %s %s", grid, trigger)
                            .isGreaterThanOrEqualTo(TICK);
                    assertThat(trigger.subtract(sell)).isGreaterThanOrEqualTo(band);
                    assertThat(trigger.subtract(sell)).isLessThan(band.max(TICK).add(TICK));
                    assertThat(sell.remainder(TICK)).isZero();
                    assertThat(sell).isPositive();
                }
            }
        }
    }

    @Test
    void aSellLimitAtOrBelowZeroIsRefused() {
        // option below 1: ₹0.10 below a trigger of 0.10 is 0
        assertThatThrownBy(() -> limit(Side.SELL, "0.10", "0.05", OPTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SELL")
                .hasMessageContaining("trigger price 0.10")
                .hasMessageContaining("no protective limit above 0")
                .hasMessageContaining("is 0.00");
        assertThatThrownBy(() -> limit(Side.SELL, "0.05", "0.05", OPTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is -0.05");
        // one tick below the lowest trigger is 0
        assertThatThrownBy(() -> limit(Side.SELL, "0.05", "0.05", EQUITY_OR_FUTURE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no protective limit above 0");
        // the first trigger that has one
        assertThat(limit(Side.SELL, "0.15", "0.05", OPTION)).isEqualByComparingTo("0.05");
        // a BUY always has one
        assertThat(limit(Side.BUY, "0.05", "0.05", OPTION)).isEqualByComparingTo("0.15");
    }

    @Test
    void badArgumentsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> limit(Side.BUY, "100.03", "0.05", OPTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trigger price 100.03 is not a multiple of the tick size 0.05");
        assertThatThrownBy(() -> limit(Side.BUY, "0", "0.05", OPTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trigger price must be greater than 0");
        assertThatThrownBy(() -> limit(Side.BUY, "-5", "0.05", OPTION))
                .hasMessageContaining("trigger price must be greater than 0");
        assertThatThrownBy(() -> limit(Side.BUY, "100", "0", OPTION))
                .hasMessageContaining("tick size must be greater than 0");
        assertThatThrownBy(() -> MarketProtection.band(OPTION, BigDecimal.ZERO))
                .hasMessageContaining("price must be greater than 0");
        assertThatThrownBy(() -> MarketProtection.stopLimit(null, BigDecimal.TEN, TICK, OPTION))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theGridFollowsWhetherTheContractIsAnOption() {
        assertThat(Grid.of(true)).isEqualTo(OPTION);
        assertThat(Grid.of(false)).isEqualTo(EQUITY_OR_FUTURE);
    }

    @Test
    void triggerScaleDoesNotMatter() {
        assertThat(limit(Side.BUY, "120.000", "0.05", OPTION)).isEqualTo(new BigDecimal("122.40"));
        assertThat(limit(Side.BUY, "120", "0.05", OPTION)).isEqualTo(new BigDecimal("122.40"));
    }
}
