package dev.neoagent.broker.paper;

/**
 * Black-76 prices of European options on a forward, with a zero interest rate (no discounting).
 * Index options in India are European and cash-settled, and with r = 0 the forward is the spot, so
 * this is the textbook model for NIFTY and BANKNIFTY premiums. Plain {@code double}: it is a model,
 * not money; callers round the result onto the contract's tick as a {@code BigDecimal}.
 */
public final class Black76 {
    private Black76() {}

    /**
     * @param forward    price of the underlying forward (the spot, with r = 0)
     * @param strike     strike price
     * @param volatility annualised volatility as a fraction (0.15 = 15 %)
     * @param years      time to expiry in years; zero or less gives the intrinsic value
     */
    public static double call(double forward, double strike, double volatility, double years) {
        if (years <= 0 || volatility <= 0) {
            return Math.max(forward - strike, 0);
        }
        double sd = volatility * Math.sqrt(years);
        double d1 = (Math.log(forward / strike) + sd * sd / 2) / sd;
        double d2 = d1 - sd;
        return forward * normalCdf(d1) - strike * normalCdf(d2);
    }

    /** Same parameters as {@link #call}. */
    public static double put(double forward, double strike, double volatility, double years) {
        if (years <= 0 || volatility <= 0) {
            return Math.max(strike - forward, 0);
        }
        double sd = volatility * Math.sqrt(years);
        double d1 = (Math.log(forward / strike) + sd * sd / 2) / sd;
        double d2 = d1 - sd;
        return strike * normalCdf(-d2) - forward * normalCdf(-d1);
    }

    /**
     * The standard normal distribution function, to double precision: Hart's algorithm 5666 as given
     * by Graeme West, "Better approximations to cumulative normal functions" (2005). The JDK has no
     * erf, and the common five-constant approximation (error ~1e-7) would show in premiums of deep
     * in-the-money contracts.
     */
    static double normalCdf(double x) {
        double z = Math.abs(x);
        double tail;
        if (z > 37) {
            tail = 0;
        } else {
            double density = Math.exp(-z * z / 2);
            if (z < 7.07106781186547) {
                double numerator = 3.52624965998911e-02 * z + 0.700383064443688;
                numerator = numerator * z + 6.37396220353165;
                numerator = numerator * z + 33.912866078383;
                numerator = numerator * z + 112.079291497871;
                numerator = numerator * z + 221.213596169931;
                numerator = numerator * z + 220.206867912376;
                double denominator = 8.83883476483184e-02 * z + 1.75566716318264;
                denominator = denominator * z + 16.064177579207;
                denominator = denominator * z + 86.7807322029461;
                denominator = denominator * z + 296.564248779674;
                denominator = denominator * z + 637.333633378831;
                denominator = denominator * z + 793.826512519948;
                denominator = denominator * z + 440.413735824752;
                tail = density * numerator / denominator;
            } else {
                double fraction = z + 0.65;
                fraction = z + 4 / fraction;
                fraction = z + 3 / fraction;
                fraction = z + 2 / fraction;
                fraction = z + 1 / fraction;
                tail = density / fraction / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }
}
