package dev.neoagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final AgentMetrics metrics = new AgentMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Scrape scrape() {
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void requestsAreCountedByTypeAndOutcome() {
        metrics.requestServed("PLACE_SINGLE", "DONE");
        metrics.requestServed("PLACE_SINGLE", "DONE");
        metrics.requestServed("PLACE_SINGLE", "DENIED");
        metrics.requestServed("BALANCE", "FAILED");

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "PLACE_SINGLE", "outcome", "DONE")))
                .isEqualTo(2.0);
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "PLACE_SINGLE", "outcome", "DENIED")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "BALANCE", "outcome", "FAILED")))
                .isEqualTo(1.0);
        assertThat(scrape.named("neo_requests_total")).hasSize(3);
        assertThat(scrape.text()).contains("# TYPE neo_requests_total counter");
    }

    @Test
    void brokerCallLatencyIsAHistogramWithBucketsFromOneMillisecondToTenSeconds() {
        metrics.brokerCall("placeOrder", Duration.ofMillis(3), "ok");
        metrics.brokerCall("placeOrder", Duration.ofMillis(700), "ok");
        metrics.brokerCall("placeOrder", Duration.ofSeconds(12), "outcome_unknown");

        Scrape scrape = scrape();
        assertThat(scrape.text()).contains("# TYPE neo_broker_call_seconds histogram");
        List<String> bounds = scrape.named("neo_broker_call_seconds_bucket").stream()
                .filter(s -> s.labels().get("result").equals("ok"))
                .map(s -> s.labels().get("le"))
                .toList();
        assertThat(bounds)
                .containsExactly(
                        "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0",
                        "10.0", "+Inf");

        Map<String, String> ok = Map.of("call", "placeOrder", "result", "ok");
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(ok, "le", "0.0025")))
                .isEqualTo(0.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(ok, "le", "0.005")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(ok, "le", "0.5")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(ok, "le", "1.0")))
                .isEqualTo(2.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_count", ok)).isEqualTo(2.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_sum", ok)).isCloseTo(0.703, within(1e-9));

        Map<String, String> unknown = Map.of("call", "placeOrder", "result", "outcome_unknown");
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(unknown, "le", "10.0")))
                .isEqualTo(0.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_bucket", with(unknown, "le", "+Inf")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_max", unknown)).isEqualTo(12.0);
    }

    @Test
    void loginsAndReloginsAreCountedPerUser() {
        metrics.login("ITC2766", true);
        metrics.login("ITC2766", false);
        metrics.login("ITC2766", true);
        metrics.login("AB123", false);
        metrics.registerRelogins("ITC2766", () -> 1);

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_logins_total", Map.of("uid", "ITC2766", "result", "ok")))
                .isEqualTo(2.0);
        assertThat(scrape.valueOf("neo_logins_total", Map.of("uid", "ITC2766", "result", "failed")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_logins_total", Map.of("uid", "AB123", "result", "failed")))
                .isEqualTo(1.0);
        assertThat(scrape.value("neo_logins_total", Map.of("uid", "AB123", "result", "ok")))
                .isEmpty();
        assertThat(scrape.valueOf("neo_relogins_total", Map.of("uid", "ITC2766")))
                .isEqualTo(1.0);
        assertThat(scrape.text()).contains("# TYPE neo_relogins_total counter");
    }

    @Test
    void rateLimitWaitsAreReadFromTheSupplierAtEachScrape() {
        AtomicLong waits = new AtomicLong(3);
        metrics.registerRateLimitWaits("ITC2766", waits::get);
        metrics.registerRateLimitWaits("AB123", () -> 0);

        assertThat(scrape().valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .isEqualTo(3.0);
        waits.set(41);
        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .isEqualTo(41.0);
        assertThat(scrape.valueOf("neo_rate_limit_waits_total", Map.of("uid", "AB123")))
                .isEqualTo(0.0);
        assertThat(scrape.text()).contains("# TYPE neo_rate_limit_waits_total counter");
    }

    @Test
    void inFlightRequestsAreAGauge() {
        AtomicInteger inFlight = new AtomicInteger(2);
        metrics.registerInFlight(inFlight::get);

        assertThat(scrape().valueOf("neo_inflight_requests")).isEqualTo(2.0);
        inFlight.set(0);
        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_inflight_requests")).isEqualTo(0.0);
        assertThat(scrape.text()).contains("# TYPE neo_inflight_requests gauge");
    }

    @Test
    void spotAgeIsInSecondsAndNaNWithoutAValue() {
        AtomicReference<Optional<Duration>> nifty = new AtomicReference<>(Optional.of(Duration.ofMillis(812)));
        metrics.registerSpotAge("NIFTY", nifty::get);
        metrics.registerSpotAge("BANKNIFTY", Optional::empty);

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_spot_age_seconds", Map.of("index", "NIFTY")))
                .isEqualTo(0.812);
        assertThat(scrape.valueOf("neo_spot_age_seconds", Map.of("index", "BANKNIFTY")))
                .isNaN();
        assertThat(scrape.text()).contains("# TYPE neo_spot_age_seconds gauge");

        nifty.set(Optional.of(Duration.ofSeconds(90)));
        assertThat(scrape().valueOf("neo_spot_age_seconds", Map.of("index", "NIFTY")))
                .isEqualTo(90.0);
    }

    @Test
    void registeringAgainReplacesTheEarlierSupplier() {
        metrics.registerInFlight(() -> 5);
        metrics.registerInFlight(() -> 7);
        metrics.registerRateLimitWaits("ITC2766", () -> 10);
        metrics.registerRateLimitWaits("ITC2766", () -> 20);
        metrics.registerSpotAge("NIFTY", () -> Optional.of(Duration.ofSeconds(1)));
        metrics.registerSpotAge("NIFTY", () -> Optional.of(Duration.ofSeconds(2)));

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_inflight_requests")).isEqualTo(7.0);
        assertThat(scrape.valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .isEqualTo(20.0);
        assertThat(scrape.valueOf("neo_spot_age_seconds", Map.of("index", "NIFTY")))
                .isEqualTo(2.0);
    }

    @Test
    void suppliersStayRegisteredAfterGarbageCollection() {
        // Micrometer holds gauge and function-counter state weakly; the facade must keep the lambdas alive
        metrics.registerInFlight(() -> 4);
        metrics.registerRateLimitWaits("ITC2766", () -> 9);
        metrics.registerSpotAge("NIFTY", () -> Optional.of(Duration.ofSeconds(3)));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_inflight_requests")).isEqualTo(4.0);
        assertThat(scrape.valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .isEqualTo(9.0);
        assertThat(scrape.valueOf("neo_spot_age_seconds", Map.of("index", "NIFTY")))
                .isEqualTo(3.0);
    }

    @Test
    void aFailingSupplierDoesNotBreakTheScrape() {
        AtomicLong waits = new AtomicLong(6);
        AtomicInteger calls = new AtomicInteger();
        metrics.registerRateLimitWaits("ITC2766", () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("limiter gone");
            }
            return waits.get();
        });
        metrics.registerInFlight(() -> {
            throw new IllegalStateException("no workers");
        });
        metrics.registerSpotAge("NIFTY", () -> {
            throw new IllegalStateException("no clock");
        });
        metrics.requestServed("LOGIN", "DONE");

        assertThat(scrape().valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .isEqualTo(6.0);
        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_rate_limit_waits_total", Map.of("uid", "ITC2766")))
                .as("the last good value is kept")
                .isEqualTo(6.0);
        assertThat(scrape.valueOf("neo_inflight_requests")).isNaN();
        assertThat(scrape.valueOf("neo_spot_age_seconds", Map.of("index", "NIFTY")))
                .isNaN();
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "LOGIN", "outcome", "DONE")))
                .isEqualTo(1.0);
    }

    @Test
    void freeTextLabelValuesAreCollapsedSoCardinalityStaysBounded() {
        metrics.requestServed("PLACE_SINGLE", "Order Placed: 260120000000001");
        metrics.requestServed("PLACE_SINGLE", "RMS:Rule: margin exceeds, order of 65 units at 120.5");
        metrics.requestServed(null, " ");
        metrics.brokerCall("x".repeat(65), Duration.ofMillis(1), "ok");
        metrics.login(" ITC2766 ", true);

        Scrape scrape = scrape();
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "PLACE_SINGLE", "outcome", "other")))
                .isEqualTo(2.0);
        assertThat(scrape.valueOf("neo_requests_total", Map.of("type", "unknown", "outcome", "unknown")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_broker_call_seconds_count", Map.of("call", "other", "result", "ok")))
                .isEqualTo(1.0);
        assertThat(scrape.valueOf("neo_logins_total", Map.of("uid", "ITC2766", "result", "ok")))
                .isEqualTo(1.0);
    }

    @Test
    void labelGuardKeepsShortTokens() {
        assertThat(AgentMetrics.label("PLACE_SINGLE")).isEqualTo("PLACE_SINGLE");
        assertThat(AgentMetrics.label("session_expired")).isEqualTo("session_expired");
        assertThat(AgentMetrics.label("nse_fo:quotes-v2.1@x")).isEqualTo("nse_fo:quotes-v2.1@x");
        assertThat(AgentMetrics.label("x".repeat(64))).isEqualTo("x".repeat(64));
        assertThat(AgentMetrics.label("x".repeat(65))).isEqualTo("other");
        assertThat(AgentMetrics.label("two words")).isEqualTo("other");
        assertThat(AgentMetrics.label("quote\"")).isEqualTo("other");
        assertThat(AgentMetrics.label(null)).isEqualTo("unknown");
        assertThat(AgentMetrics.label("")).isEqualTo("unknown");
    }

    @Test
    void jvmMetricsAreIncluded() {
        Scrape scrape = scrape();
        assertThat(scrape.named("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(scrape.named("jvm_threads_live_threads")).isNotEmpty();
        assertThat(scrape.named("process_uptime_seconds")).isNotEmpty();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
