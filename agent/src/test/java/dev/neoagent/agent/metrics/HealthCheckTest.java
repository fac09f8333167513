package dev.neoagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final FakeHealthSource source = new FakeHealthSource()
            .session("ITC2766", SessionState.ACTIVE)
            .spot("NIFTY", Duration.ofMillis(812))
            .spot("BANKNIFTY", Duration.ofMillis(640));
    private final HealthCheck check = new HealthCheck(source, MAX_AGE);

    @Test
    void upWhenRedisAnswersSessionsAreActiveAndSpotsFresh() {
        source.marketOpen = true;

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.reasons()).isEmpty();
        assertThat(report.redisReachable()).isTrue();
        assertThat(report.users()).containsEntry("ITC2766", SessionState.ACTIVE);
        assertThat(report.spots().get("NIFTY").fresh()).isTrue();
        assertThat(report.spots().get("NIFTY").ageMillis()).hasValue(812);
    }

    @Test
    void downWhenRedisIsUnreachable() {
        source.redis = false;

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.status().httpStatus()).isEqualTo(503);
        assertThat(report.reasons()).containsExactly("Redis is not reachable");
    }

    @Test
    void downWhenTheRedisCheckThrowsAndTheMessageIsNotShown() {
        source.redisFailure = new IllegalStateException("redis://:hunter2@redis:6379 timed out");

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.reasons())
                .containsExactly("Redis is not reachable", "could not read Redis reachability (IllegalStateException)");
        assertThat(report.toJson()).doesNotContain("hunter2");
    }

    @Test
    void aStaleSpotDegradesOnlyWhileTheMarketIsOpen() {
        source.spot("BANKNIFTY", Duration.ofMillis(12_300));

        assertThat(check.check().status())
                .as("market closed: yesterday's close is normal")
                .isEqualTo(HealthStatus.UP);
        assertThat(check.check().spots().get("BANKNIFTY").fresh()).isFalse();

        source.marketOpen = true;
        HealthReport report = check.check();
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.status().httpStatus()).isEqualTo(200);
        assertThat(report.reasons())
                .containsExactly("spot BANKNIFTY is 12.3 s old (limit 5.0 s) while the market is open");
    }

    @Test
    void aSpotExactlyAtTheLimitIsFresh() {
        source.marketOpen = true;
        source.spot("NIFTY", MAX_AGE);

        assertThat(check.check().spots().get("NIFTY").fresh()).isTrue();
        source.spot("NIFTY", MAX_AGE.plusMillis(1));
        assertThat(check.check().spots().get("NIFTY").fresh()).isFalse();
    }

    @Test
    void aMissingSpotDegradesWhileTheMarketIsOpen() {
        source.marketOpen = true;
        source.spot("NIFTY", null);

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.reasons()).containsExactly("spot NIFTY has no value while the market is open");
        assertThat(report.spots().get("NIFTY").ageMillis()).isEmpty();
        assertThat(report.spots().get("NIFTY").fresh()).isFalse();
    }

    @Test
    void aUserWithoutASessionDegradesOnlyWhileTheMarketIsOpen() {
        source.session("AB123", SessionState.NONE).session("CD456", SessionState.EXPIRED);

        assertThat(check.check().status())
                .as("market closed: the agent logs in on demand")
                .isEqualTo(HealthStatus.UP);

        source.marketOpen = true;
        HealthReport report = check.check();
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.reasons())
                .containsExactly(
                        "user AB123 has no session (NONE) while the market is open",
                        "user CD456 has no session (EXPIRED) while the market is open");
    }

    @Test
    void aFailedLoginDegradesAtAnyTime() {
        source.session("AB123", SessionState.FAILED);

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.reasons()).containsExactly("user AB123: the last login failed");
    }

    @Test
    void redisDownOutranksEverythingElse() {
        source.redis = false;
        source.marketOpen = true;
        source.session("AB123", SessionState.FAILED).spot("NIFTY", null);

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.reasons()).first().isEqualTo("Redis is not reachable");
        assertThat(report.reasons()).hasSize(3);
    }

    @Test
    void aSourceThatThrowsDegradesAndIsNamedByClassOnly() {
        source.sessionsFailure = new IllegalStateException("consumer key abc123 rejected");

        HealthReport report = check.check();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.reasons()).containsExactly("could not read sessions (IllegalStateException)");
        assertThat(report.users()).isEmpty();
        assertThat(report.toJson()).doesNotContain("abc123");
    }

    @Test
    void nullEntriesFromTheSourceAreReadAsAbsent() {
        Map<String, SessionState> sessions = new HashMap<>();
        sessions.put("AB123", null);
        Map<String, Optional<Duration>> spots = new HashMap<>();
        spots.put("NIFTY", null);
        HealthSource nulls = new HealthSource() {
            public boolean redisReachable() {
                return true;
            }

            public Map<String, SessionState> sessions() {
                return Collections.unmodifiableMap(sessions);
            }

            public Map<String, Optional<Duration>> spotAges() {
                return spots;
            }

            public boolean marketOpen() {
                return false;
            }

            public Optional<String> spotSource() {
                return null;
            }

            public Optional<Boolean> marketFeedConnected() {
                return null;
            }
        };

        HealthReport report = new HealthCheck(nulls, MAX_AGE).check();

        assertThat(report.users()).containsEntry("AB123", SessionState.NONE);
        assertThat(report.spots().get("NIFTY").ageMillis()).isEmpty();
        assertThat(report.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        source.marketOpen = true;
        source.session("AB123", SessionState.NONE).spot("BANKNIFTY", null);

        JsonNode json = new ObjectMapper().readTree(check.check().toJson());

        assertThat(json.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(json.get("redis").get("reachable").asBoolean()).isTrue();
        assertThat(json.get("market_open").asBoolean()).isTrue();
        assertThat(json.get("users").get("ITC2766").get("session").asText()).isEqualTo("ACTIVE");
        assertThat(json.get("users").get("AB123").get("session").asText()).isEqualTo("NONE");
        assertThat(json.get("spot").get("NIFTY").get("age_ms").asLong()).isEqualTo(812);
        assertThat(json.get("spot").get("NIFTY").get("fresh").asBoolean()).isTrue();
        assertThat(json.get("spot").get("BANKNIFTY").get("age_ms").isNull()).isTrue();
        assertThat(json.get("spot").get("BANKNIFTY").get("fresh").asBoolean()).isFalse();
        assertThat(json.get("reasons")).hasSize(2);
        assertThat(json.get("spot_source").isNull()).as("neither source writes").isTrue();
        assertThat(json.get("market_feed").isNull()).as("no feed").isTrue();
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "status", "reasons", "redis", "market_open", "users", "spot", "spot_source", "market_feed");
    }

    @Test
    void saysWhichSourceWritesTheSpotsAndWhetherTheFeedIsUp() throws Exception {
        source.marketOpen = true;
        source.spot("NIFTY", Duration.ofMillis(700));
        source.spotSource = Optional.of("rest");
        source.marketFeed = Optional.of(false);

        HealthReport report = check.check();
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(report.status())
                .as("the feed is down but REST keeps the spot fresh: the agent works")
                .isEqualTo(HealthStatus.UP);
        assertThat(json.get("spot_source").asText()).isEqualTo("rest");
        assertThat(json.get("market_feed").get("connected").asBoolean()).isFalse();

        source.spot("NIFTY", Duration.ofSeconds(30));
        source.spotSource = Optional.empty();
        assertThat(check.check().status())
                .as("neither source fresh in market hours")
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void spotMaxAgeMustBePositive() {
        assertThatThrownBy(() -> new HealthCheck(source, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
