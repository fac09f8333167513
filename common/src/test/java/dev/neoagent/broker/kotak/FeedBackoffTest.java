package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconnect waits both feeds use: doubling, equal jitter, reset after a healthy connection. */
class FeedBackoffTest {

    private static FeedBackoff backoff(double draw) {
        return new FeedBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), () -> draw);
    }

    // from the market feed's tests (ReconnectPolicy)
    @Test
    void backoffDoublesFromOneSecondToThirtyWithEqualJitterAndResetsAfterAHealthyMinute() {
        double[] draws = {0.0, 0.999};
        for (double draw : draws) {
            FeedBackoff policy = backoff(draw);
            long[] steps = {1, 2, 4, 8, 16, 30, 30, 30};
            for (long step : steps) {
                Duration delay = policy.next();
                assertThat(delay)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(step).dividedBy(2))
                        .isLessThanOrEqualTo(Duration.ofSeconds(step));
            }
            policy.ended(Duration.ofSeconds(59));
            assertThat(policy.next()).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
            policy.ended(Duration.ofMinutes(1));
            assertThat(policy.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(policy.next())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    // from the order feed's tests (OrderFeedBackoff)
    @Test
    void backoffDoublesFromTheFirstDelayToTheMaximumWithinItsUpperHalf() {
        FeedBackoff low = backoff(0.0);
        FeedBackoff high = backoff(0.999999);
        List<Long> lows = new ArrayList<>();
        List<Long> highs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lows.add(low.next().toMillis());
            highs.add(high.next().toMillis());
        }
        assertThat(lows).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L, 15000L);
        assertThat(highs).containsExactly(999L, 1999L, 3999L, 7999L, 15999L, 29999L, 29999L, 29999L);

        low.ended(Duration.ofMinutes(1));
        assertThat(low.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aZeroFirstWaitAMaximumBelowItOrAZeroHealthyTimeIsRefused() {
        assertThatThrownBy(() -> new FeedBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new FeedBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
