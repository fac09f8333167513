package dev.neoagent.agent.spot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.testing.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpotValueTest {

    private RedisTestServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        server = RedisTestServer.start();
        client = RedisClient.create(server.url());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void tearDown() {
        connection.close();
        client.shutdown();
        server.close();
    }

    @Test
    void readsTheValueWithItsTimestamp() {
        redis.mset(Map.of("BN_SPOT", "52100.5", "BN_SPOT_TS", "1769488301000", "NF_SPOT", "1"));

        SpotValue value = SpotValue.read(redis, SpotIndex.BANKNIFTY).orElseThrow();

        assertThat(value.index()).isEqualTo(SpotIndex.BANKNIFTY);
        assertThat(value.value()).isEqualByComparingTo("52100.5");
        assertThat(value.at()).isEqualTo(Instant.ofEpochMilli(1769488301000L));
    }

    @Test
    void aWriterWithoutTimestampsIsTakenAsOfTheNotification() {
        redis.set("NF_SPOT", "25980.35");
        Instant seen = Instant.ofEpochMilli(1769488301234L);

        SpotValue value = SpotValue.read(redis, SpotIndex.NIFTY, seen).orElseThrow();

        assertThat(value.value()).isEqualByComparingTo("25980.35");
        assertThat(value.at()).isEqualTo(seen);
        // a timestamp that is there wins, and one that cannot be read still means no value
        redis.set("NF_SPOT_TS", "1769488300000");
        assertThat(SpotValue.read(redis, SpotIndex.NIFTY, seen).orElseThrow().at())
                .isEqualTo(Instant.ofEpochMilli(1769488300000L));
        redis.set("NF_SPOT_TS", "12:00");
        assertThat(SpotValue.read(redis, SpotIndex.NIFTY, seen)).isEmpty();
    }

    @ParameterizedTest(name = "NF_SPOT={0} NF_SPOT_TS={1}")
    @CsvSource(
            nullValues = "missing",
            value = {
                "missing, 1769488301000",
                "25980.35, missing",
                "abc, 1769488301000",
                "25980.35, 12:00",
                "0, 1769488301000",
                "-3, 1769488301000"
            })
    void anythingUnusableReadsAsNoValue(String value, String timestamp) {
        if (value != null) {
            redis.set("NF_SPOT", value);
        }
        if (timestamp != null) {
            redis.set("NF_SPOT_TS", timestamp);
        }
        assertThat(SpotValue.read(redis, SpotIndex.NIFTY)).isEmpty();
    }

    @Test
    void freshnessIsTheAgeAgainstTheBound() {
        Instant at = Instant.parse("2026-01-27T04:30:00Z");
        SpotValue value = new SpotValue(SpotIndex.NIFTY, new BigDecimal("25980.35"), at);
        Duration maxAge = Duration.ofSeconds(5);

        assertThat(value.isFresh(at.plusSeconds(5), maxAge)).isTrue();
        assertThat(value.isFresh(at.plusMillis(5001), maxAge)).isFalse();
        assertThat(value.isFresh(at.minusSeconds(1), maxAge)).isTrue();
        assertThat(value.age(at.plusSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }
}
