package dev.neoagent.broker.paper;

import static dev.neoagent.broker.paper.TestInstruments.BANKNIFTY_PE;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_CE;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_FAR_CE;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_FUT;
import static dev.neoagent.broker.paper.TestInstruments.NIFTY_PE;
import static dev.neoagent.broker.paper.TestInstruments.RELIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.neoagent.domain.Quote;
import dev.neoagent.domain.QuoteKey;
import dev.neoagent.domain.Segment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaperMarketTest {
    private static final Instant MORNING = TestInstruments.MORNING;

    private final MutableClock clock = new MutableClock(MORNING);
    private final PaperMarket market = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(42), clock);

    @Test
    void indicesStartAtRealisticLevels() {
        assertThat(market.spot(PaperMarket.NIFTY)).isEqualByComparingTo("25900");
        assertThat(market.spot(PaperMarket.BANKNIFTY)).isEqualByComparingTo("59000");
        assertThat(market.spot("FINNIFTY")).isEqualByComparingTo("27500");
    }

    @Test
    void theSameSeedGivesTheSameWalk() {
        PaperMarket twin = new PaperMarket(PaperSettings.defaults(), new SplittableRandom(42), clock);
        for (int i = 0; i < 100; i++) {
            market.tick();
            twin.tick();
            assertThat(twin.spot(PaperMarket.NIFTY)).isEqualTo(market.spot(PaperMarket.NIFTY));
            assertThat(twin.spot(PaperMarket.BANKNIFTY)).isEqualTo(market.spot(PaperMarket.BANKNIFTY));
        }
        assertThat(market.spot(PaperMarket.NIFTY)).isNotEqualByComparingTo("25900");
    }

    /**
     * Pins the walk of seed 42 to the numbers the market produced before the optional swing existed
     * (recorded from that code): a market without a swing must draw the same shocks in the same order.
     */
    @Test
    void aSeededWalkKeepsItsNumbers() {
        market.spot("FINNIFTY"); // created third, walks third
        market.lastPrice(RELIANCE); // a stock, walks fourth
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            clock.advance(Duration.ofMillis(500));
            market.tick();
            if (i % 10 == 0) {
                seen.add(market.spot(PaperMarket.NIFTY) + " " + market.spot(PaperMarket.BANKNIFTY) + " "
                        + market.spot("FINNIFTY") + " " + market.lastPrice(RELIANCE));
            }
        }
        assertThat(seen)
                .containsExactly(
                        "25898.73 59005.53 27496.66 1567.00",
                        "25894.10 59002.03 27497.27 1567.20",
                        "25892.03 59013.12 27494.43 1567.05",
                        "25895.08 59007.10 27495.79 1566.50");
    }

    @Test
    void stepsAreAsSmallAsAQuietMarketsAndTheVolatilityIsAsConfigured() {
        // 20 trading days of 500 ms ticks; log-returns' standard deviation scaled back to a year.
        int ticks = 20 * 45_000;
        double previous = market.spot(PaperMarket.NIFTY).doubleValue();
        double sum = 0;
        double sumOfSquares = 0;
        double largestMove = 0;
        for (int i = 0; i < ticks; i++) {
            market.tick();
            double now = market.spot(PaperMarket.NIFTY).doubleValue();
            double r = Math.log(now / previous);
            sum += r;
            sumOfSquares += r * r;
            largestMove = Math.max(largestMove, Math.abs(now - previous));
            previous = now;
        }
        double variance = sumOfSquares / ticks - (sum / ticks) * (sum / ticks);
        double annualised = Math.sqrt(variance * 252 * 45_000);
        assertThat(annualised).isCloseTo(0.14, within(0.005));
        assertThat(largestMove).isLessThan(10); // one 500 ms step never jumps tens of points
    }

    @Test
    void optionPremiumIsBlack76OnTheTickGrid() {
        double years = PaperMarket.yearsToExpiry(NIFTY_CE.expiry(), MORNING);
        assertThat(years * 365).isCloseTo(7 + 5.5 / 24, within(1e-9)); // to 15:30 IST on the 27th
        double call = Black76.call(25_900, 26_000, 0.15, years);

        BigDecimal premium = market.lastPrice(NIFTY_CE);
        assertThat(premium.doubleValue()).isCloseTo(call, within(0.025));
        assertThat(premium.remainder(new BigDecimal("0.05"))).isEqualByComparingTo("0");
        assertThat(premium.scale()).isEqualTo(2);
        // parity on the grid: C − P ≈ F − K
        assertThat(premium.subtract(market.lastPrice(NIFTY_PE)).doubleValue()).isCloseTo(-100, within(0.05));
    }

    @Test
    void premiumFollowsTheSpotAndDecaysWithTime() {
        BigDecimal before = market.lastPrice(NIFTY_CE);
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("26100"));
        BigDecimal higher = market.lastPrice(NIFTY_CE);
        assertThat(higher).isGreaterThan(before);
        clock.advance(Duration.ofDays(3));
        assertThat(market.lastPrice(NIFTY_CE)).isLessThan(higher);
    }

    @Test
    void farOutOfTheMoneyAndExpiredOptionsTradeAtLeastOneTick() {
        assertThat(market.lastPrice(NIFTY_FAR_CE)).isEqualByComparingTo("0.05");
        clock.set(Instant.parse("2026-01-28T04:30:00Z")); // after expiry: intrinsic
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("26123.40"));
        assertThat(market.lastPrice(NIFTY_CE)).isEqualByComparingTo("123.40");
        assertThat(market.lastPrice(NIFTY_PE)).isEqualByComparingTo("0.05");
    }

    @Test
    void bankNiftyOptionsFollowBankNifty() {
        BigDecimal atTheMoney = market.lastPrice(BANKNIFTY_PE);
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("20000"));
        assertThat(market.lastPrice(BANKNIFTY_PE)).isEqualByComparingTo(atTheMoney);
        market.setSpot(PaperMarket.BANKNIFTY, new BigDecimal("58000"));
        assertThat(market.lastPrice(BANKNIFTY_PE)).isGreaterThan(atTheMoney);
    }

    @Test
    void futuresTradeAtTheSpotOnTheirTick() {
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("25912.37"));
        assertThat(market.lastPrice(NIFTY_FUT)).isEqualByComparingTo("25912.40");
    }

    @Test
    void stocksStartAtADeterministicLevelAndWalk() {
        double level = PaperMarket.hashLevel("RELIANCE");
        assertThat(level).isBetween(100.0, 3000.0);
        assertThat(PaperMarket.hashLevel("RELIANCE")).isEqualTo(level);
        BigDecimal first = market.lastPrice(RELIANCE);
        assertThat(first.doubleValue()).isCloseTo(level, within(0.025));
        for (int i = 0; i < 50; i++) {
            market.tick();
        }
        assertThat(market.lastPrice(RELIANCE)).isNotEqualByComparingTo(first);
        assertThat(market.previousClose(RELIANCE)).isEqualByComparingTo(first);
    }

    @Test
    void indexQuotesCarryPreviousCloseAndTheTimeOfTheLastMove() {
        market.tick();
        clock.advance(Duration.ofSeconds(5));
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("25950.5"));
        Quote nifty = market.indexQuote(QuoteKey.NIFTY_50).orElseThrow();
        assertThat(nifty.lastPrice()).isEqualByComparingTo("25950.50");
        assertThat(nifty.previousClose()).contains(new BigDecimal("25900.00"));
        assertThat(nifty.updatedAt()).contains(MORNING.plusSeconds(5));
        assertThat(market.indexQuote(QuoteKey.NIFTY_BANK)).isPresent();
        assertThat(market.indexQuote(QuoteKey.index(Segment.NSE_CM, "Nifty Fin Service")))
                .isEmpty();
    }

    @Test
    void listenersHearEveryMoveUntilTheyUnsubscribe() {
        AtomicInteger heard = new AtomicInteger();
        PaperMarket.Subscription subscription = market.onMove(heard::incrementAndGet);
        market.onMove(() -> {
            throw new IllegalStateException("a broken listener does not stop the others");
        });
        market.tick();
        market.setSpot(PaperMarket.NIFTY, new BigDecimal("26000"));
        assertThat(heard).hasValue(2);
        subscription.close();
        subscription.close();
        market.tick();
        assertThat(heard).hasValue(2);
    }

    @Test
    void setSpotRefusesNonPositiveLevels() {
        assertThatThrownBy(() -> market.setSpot(PaperMarket.NIFTY, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pricesAreRoundedToTheNearestTick() {
        assertThat(PaperMarket.onTickGrid(12.324, new BigDecimal("0.05"))).isEqualTo(new BigDecimal("12.30"));
        assertThat(PaperMarket.onTickGrid(12.326, new BigDecimal("0.05"))).isEqualTo(new BigDecimal("12.35"));
        assertThat(PaperMarket.onTickGrid(0.01, new BigDecimal("0.05"))).isEqualTo(new BigDecimal("0.05"));
        assertThat(PaperMarket.onTickGrid(81.12345, new BigDecimal("0.0025"))).isEqualTo(new BigDecimal("81.1225"));
    }

    @Test
    void scheduledTicksMoveTheMarket() throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            PaperMarket fast = new PaperMarket(
                    new PaperSettings(
                            PaperSettings.DEFAULT_CAPITAL,
                            0.15,
                            0.14,
                            0.18,
                            Duration.ofMillis(10),
                            Optional.empty(),
                            Optional.empty()),
                    new SplittableRandom(1),
                    clock);
            CountDownLatch moved = new CountDownLatch(3);
            fast.onMove(moved::countDown);
            fast.scheduleTicks(executor);
            assertThat(moved.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }
}
