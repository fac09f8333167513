package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neoagent.domain.QuoteKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The optional swing of the simulated indices, which the demo relies on to cross a level in time. */
class PaperMarketSwingTest {
    private static final Instant MORNING = TestInstruments.MORNING;
    private static final Duration TICK = PaperSettings.defaults().tickInterval();
    private static final PaperSettings DEMO = PaperSettings.defaults().withSwing(PaperSettings.Swing.DEMO);
    private static final int SEEDS = 200;
    /** One period of the demo swing at the default tick: the "about a minute" the demo promises. */
    private static final int TICKS_PER_MINUTE = 120;

    private final MutableClock clock = new MutableClock(MORNING);

    @Test
    void niftyCrossesItsStartBothWaysWithinAMinuteWhateverTheSeed() {
        Watch worst = watchEverySeed(PaperMarket.NIFTY, PaperMarket.NIFTY_START);
        assertThat(worst.firstUp)
                .as("ticks to the first upward crossing, worst seed")
                .isBetween(1, TICKS_PER_MINUTE);
        assertThat(worst.firstDown)
                .as("ticks to the first downward crossing, worst seed")
                .isBetween(1, TICKS_PER_MINUTE);
        assertThat(worst.low).isGreaterThan(25_800);
        assertThat(worst.high).isLessThan(26_000);
    }

    @Test
    void bankNiftyCrossesItsStartBothWaysWithinAMinuteWhateverTheSeed() {
        Watch worst = watchEverySeed(PaperMarket.BANKNIFTY, PaperMarket.BANKNIFTY_START);
        assertThat(worst.firstUp).isBetween(1, TICKS_PER_MINUTE);
        assertThat(worst.firstDown).isBetween(1, TICKS_PER_MINUTE);
        assertThat(worst.low).isGreaterThan(58_750);
        assertThat(worst.high).isLessThan(59_250);
    }

    @Test
    void theSwingStartsAtItsCrestAndTheStartStaysThePreviousClose() {
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(1), clock);
        assertThat(market.spot(PaperMarket.NIFTY)).isEqualByComparingTo("25931.10"); // 25,900 × e^0.0012
        assertThat(market.indexQuote(QuoteKey.NIFTY_50).orElseThrow().previousClose())
                .contains(new BigDecimal("25900.00"));
    }

    @Test
    void anIndexPricedLateJoinsTheSwingInStep() {
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(1), clock);
        clock.advance(Duration.ofSeconds(30)); // half a period: the trough
        assertThat(market.spot("FINNIFTY")).isEqualByComparingTo("27467.02"); // 27,500 × e^−0.0012
    }

    @Test
    void theNoiseSettlesAtAQuarterOfTheAmplitude() {
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(5), clock);
        double amplitude = PaperSettings.Swing.DEMO.amplitude();
        double radiansPerTick = 2
                * Math.PI
                * TICK.toMillis()
                / PaperSettings.Swing.DEMO.period().toMillis();
        int ticks = 200_000; // ~2,000 times the noise's memory of ~100 ticks
        double sumOfSquares = 0;
        for (int i = 1; i <= ticks; i++) {
            clock.advance(TICK);
            market.tick();
            double noise = Math.log(market.spot(PaperMarket.NIFTY).doubleValue() / 25_900)
                    - amplitude * Math.cos(radiansPerTick * i);
            sumOfSquares += noise * noise;
        }
        assertThat(Math.sqrt(sumOfSquares / ticks)).isCloseTo(amplitude / 4, within(amplitude / 40));
    }

    @Test
    void setSpotPutsASwingingIndexThereAndItDriftsBackIntoTheSwing() {
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(3), clock);
        clock.advance(Duration.ofSeconds(7));
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("26100"));
        assertThat(market.spot(PaperMarket.NIFTY)).isEqualByComparingTo("26100");

        clock.advance(TICK);
        market.tick();
        assertThat(market.spot(PaperMarket.NIFTY).doubleValue()).isCloseTo(26_100, within(10.0)); // no jump back

        for (int i = 0; i < 10 * TICKS_PER_MINUTE; i++) {
            clock.advance(TICK);
            market.tick();
        }
        assertThat(market.spot(PaperMarket.NIFTY).doubleValue()).isBetween(25_800.0, 26_000.0);
    }

    @Test
    void setSpotCanForceACrossingAgainstTheSwing() {
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(3), clock);
        clock.advance(Duration.ofSeconds(1));
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("25899"));
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("25901"));
        assertThat(market.spot(PaperMarket.NIFTY)).isEqualByComparingTo("25901");
    }

    @Test
    void stocksIgnoreTheSwing() {
        PaperMarket swinging = new PaperMarket(DEMO, new SplittableRandom(42), clock);
        PaperMarket plain = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(42), clock);
        assertThat(swinging.lastPrice(RELIANCE)).isEqualTo(plain.lastPrice(RELIANCE));
        for (int i = 0; i < 100; i++) {
            clock.advance(TICK);
            swinging.tick();
            plain.tick();
            assertThat(swinging.lastPrice(RELIANCE)).isEqualTo(plain.lastPrice(RELIANCE));
        }
        assertThat(swinging.spot(PaperMarket.NIFTY)).isNotEqualTo(plain.spot(PaperMarket.NIFTY));
    }

    @Test
    void theNoiseForgetsSlowlyButNeverKeepsEverything() {
        double shock = 0.14 * Math.sqrt(0.5 / (252 * 6.25 * 3600)); // NIFTY, one 500 ms tick
        assertThat(PaperMarket.persistence(shock, 0.0012)).isCloseTo(0.99035, within(1e-5));
        assertThat(PaperMarket.persistence(shock, shock)).isZero(); // one shock hides a small swing anyway
        assertThat(PaperMarket.persistence(1e-12, 0.05)).isLessThan(1.0); // would otherwise round to 1
    }

    /** The worst over {@link #SEEDS} seeds of one minute of the demo market, starting at its creation. */
    private Watch watchEverySeed(String underlying, BigDecimal level) {
        Watch worst = new Watch();
        worst.low = Double.MAX_VALUE;
        for (long seed = 0; seed < SEEDS; seed++) {
            Watch one = watch(seed, underlying, level);
            assertThat(one.firstUp)
                    .as("seed %d: an upward crossing of %s", seed, level)
                    .isPositive();
            assertThat(one.firstDown)
                    .as("seed %d: a downward crossing of %s", seed, level)
                    .isPositive();
            worst.firstUp = Math.max(worst.firstUp, one.firstUp);
            worst.firstDown = Math.max(worst.firstDown, one.firstDown);
            worst.low = Math.min(worst.low, one.low);
            worst.high = Math.max(worst.high, one.high);
        }
        return worst;
    }

    /** Crossings as a level order sees them: CE when previous < level ≤ current, PE the mirror. */
    private static Watch watch(long seed, String underlying, BigDecimal level) {
        MutableClock clock = new MutableClock(MORNING);
        PaperMarket market = new PaperMarket(DEMO, new SplittableRandom(seed), clock);
        Watch watch = new Watch();
        BigDecimal previous = market.spot(underlying);
        watch.low = previous.doubleValue();
        watch.high = previous.doubleValue();
        for (int tick = 1; tick <= TICKS_PER_MINUTE; tick++) {
            clock.advance(TICK);
            market.tick();
            BigDecimal current = market.spot(underlying);
            if (watch.firstUp == 0 && previous.compareTo(level) < 0 && current.compareTo(level) >= 0) {
                watch.firstUp = tick;
            }
            if (watch.firstDown == 0 && previous.compareTo(level) > 0 && current.compareTo(level) <= 0) {
                watch.firstDown = tick;
            }
            watch.low = Math.min(watch.low, current.doubleValue());
            watch.high = Math.max(watch.high, current.doubleValue());
            previous = current;
        }
        return watch;
    }

    /** First crossing ticks (0 = none) and the range seen. */
    private static final class Watch {
        int firstUp;
        int firstDown;
        double low;
        double high;
    }
}
