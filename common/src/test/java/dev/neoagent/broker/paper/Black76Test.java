package dev.neoagent.broker.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Black76Test {

    /** Reference values from 0.5·erfc(−x/√2) (Python's math module). */
    @ParameterizedTest
    @CsvSource({
        "0, 0.5",
        "1, 0.8413447460685429",
        "-1.96, 0.024997895148220428",
        "2.5, 0.9937903346742238",
        "-3, 0.0013498980316301035",
        "0.5, 0.6914624612740131",
        "-8, 6.220960574271785e-16",
    })
    void normalDistributionToDoublePrecision(double x, double expected) {
        assertThat(Black76.normalCdf(x)).isCloseTo(expected, within(Math.max(1e-15, Math.abs(expected) * 1e-12)));
    }

    @Test
    void normalDistributionIsSymmetric() {
        for (double x = -6; x <= 6; x += 0.37) {
            assertThat(Black76.normalCdf(x) + Black76.normalCdf(-x)).isCloseTo(1.0, within(1e-14));
        }
    }

    @Test
    void textbookAtTheMoneyValue() {
        // F = K = 100, σ = 20 %, T = 1: C = P = 100·(2N(0.1) − 1)
        assertThat(Black76.call(100, 100, 0.2, 1)).isCloseTo(7.965567455405804, within(1e-10));
        assertThat(Black76.put(100, 100, 0.2, 1)).isCloseTo(7.965567455405804, within(1e-10));
    }

    @Test
    void niftyAndBankNiftyReferenceValues() {
        assertThat(Black76.call(25_900, 26_000, 0.15, 7 / 365.0)).isCloseTo(168.73666892101755, within(1e-8));
        assertThat(Black76.put(25_900, 26_000, 0.15, 7 / 365.0)).isCloseTo(268.73666892101755, within(1e-8));
        assertThat(Black76.call(59_000, 58_000, 0.18, 30 / 365.0)).isCloseTo(1769.6729503672977, within(1e-8));
    }

    @Test
    void atTheMoneyCallIsAboutFourTenthsOfForwardTimesVolTimesRootT() {
        double f = 25_900;
        double sigma = 0.15;
        double t = 7 / 365.0;
        double approx = 0.4 * f * sigma * Math.sqrt(t); // 1/√(2π) ≈ 0.3989
        assertThat(Black76.call(f, f, sigma, t)).isCloseTo(approx, within(approx * 0.005));
    }

    @Test
    void putCallParityWithZeroRate() {
        for (double strike : new double[] {24_000, 25_500, 25_900, 26_500, 28_000}) {
            double c = Black76.call(25_900, strike, 0.15, 0.05);
            double p = Black76.put(25_900, strike, 0.15, 0.05);
            assertThat(c - p).isCloseTo(25_900 - strike, within(1e-7));
        }
    }

    @Test
    void atOrAfterExpiryTheValueIsIntrinsic() {
        assertThat(Black76.call(26_100, 26_000, 0.15, 0)).isEqualTo(100);
        assertThat(Black76.put(26_100, 26_000, 0.15, 0)).isEqualTo(0);
        assertThat(Black76.put(25_900, 26_000, 0.15, -0.01)).isEqualTo(100);
    }

    @Test
    void moreTimeOrMoreVolatilityIsWorthMore() {
        assertThat(Black76.call(25_900, 26_000, 0.15, 0.1)).isGreaterThan(Black76.call(25_900, 26_000, 0.15, 0.05));
        assertThat(Black76.put(25_900, 26_000, 0.25, 0.05)).isGreaterThan(Black76.put(25_900, 26_000, 0.15, 0.05));
    }
}
