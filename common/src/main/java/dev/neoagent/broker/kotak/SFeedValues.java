package dev.neoagent.broker.kotak;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;

/** Turns an SFeed packet's raw numbers into values: prices divided by their exchange's divider, ltt into a time. */
final class SFeedValues {
    /** NSE's own epoch (1980-01-01T00:00:00Z); exchange feeds often count seconds from it. */
    private static final long NSE_EPOCH_SECONDS = 315_532_800L;
    /** An ltt older than this is not believed: a long weekend with holidays is the longest normal silence. */
    private static final Duration MAX_AGE = Duration.ofDays(7);
    /** An ltt later than the receive time by more than this is not believed (clock skew beyond it is a bug). */
    private static final Duration MAX_AHEAD = Duration.ofMinutes(2);

    private SFeedValues() {}

    /** {@code raw / divider}, exact for the power-of-ten dividers Kotak sends (2598035 / 100 = 25980.35). */
    static BigDecimal price(long raw, long divider) {
        return BigDecimal.valueOf(raw).divide(BigDecimal.valueOf(divider), MathContext.DECIMAL64);
    }

    /**
     * The time of a tick. The reference gives ltt as a u64 without a unit, so the packet's ltt is used when it reads
     * as a plausible time in one of the units feeds use (epoch seconds, which the examples seen carry; epoch
     * milliseconds; seconds since NSE's 1980 epoch), that is between a week before and two minutes after
     * {@code received}; otherwise (zero, garbage, another unit) the receive time is used. The units are ten years
     * or a factor 1000 apart, so at most one of them is ever plausible.
     */
    static Instant tickTime(long ltt, Instant received) {
        if (ltt <= 0) {
            return received;
        }
        Instant earliest = received.minus(MAX_AGE);
        Instant latest = received.plus(MAX_AHEAD);
        for (Instant candidate : candidates(ltt)) {
            if (!candidate.isBefore(earliest) && !candidate.isAfter(latest)) {
                return candidate;
            }
        }
        return received;
    }

    private static Instant[] candidates(long ltt) {
        long maxSeconds = Instant.MAX.getEpochSecond() - NSE_EPOCH_SECONDS;
        if (ltt > maxSeconds) {
            return new Instant[] {Instant.ofEpochMilli(ltt)};
        }
        return new Instant[] {
            Instant.ofEpochSecond(ltt), Instant.ofEpochMilli(ltt), Instant.ofEpochSecond(ltt + NSE_EPOCH_SECONDS)
        };
    }
}
