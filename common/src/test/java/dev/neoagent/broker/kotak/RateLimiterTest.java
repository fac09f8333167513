package dev.neoagent.broker.kotak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when the limiter sleeps, so the test is exact and instant. */
    private static final class FakeTime {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void grantsTheConfiguredBurstAtOnceThenWaitsForTheWindowToSlide() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(1), () -> time.now, time::sleep);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(time.sleeps).isEmpty();

        long waited = limiter.acquire();
        assertThat(waited).isEqualTo(SECOND);
        assertThat(limiter.waitCount()).isEqualTo(1);
    }

    @Test
    void neverAllowsMoreThanThePermitsInAnySlidingWindow() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(1), () -> time.now, time::sleep);
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            time.now += 37_000_000L; // callers arrive every 37 ms, faster than 10/s
            limiter.acquire();
            granted.add(time.now);
        }
        for (int i = 10; i < granted.size(); i++) {
            assertThat(granted.get(i) - granted.get(i - 10))
                    .as("the 11th request after #%d", i - 10)
                    .isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void slowCallersNeverWait() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), () -> time.now, time::sleep);
        for (int i = 0; i < 20; i++) {
            time.now += SECOND / 2;
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(limiter.waitCount()).isZero();
    }
}
