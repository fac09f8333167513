package dev.neoagent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisTestServerTest {
    private RedisTestServer redis;
    private RedisClient client;

    @BeforeEach
    void start() {
        redis = RedisTestServer.start();
        client = RedisClient.create(redis.url());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        redis.close();
    }

    @Test
    void answersPing() {
        if (redis.isEmbedded()) {
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0");
        }
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
            String key = "testkit:" + UUID.randomUUID();
            connection.sync().set(key, "v");
            assertThat(connection.sync().get(key)).isEqualTo("v");
            connection.sync().del(key);
        }
    }

    @Test
    void restartKeepsThePortAndDropsTheData() {
        assumeTrue(redis.isEmbedded(), "restart needs the embedded server");
        int port = redis.port();
        String key = "testkit:" + UUID.randomUUID();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(key, "before");

            redis.restart();

            assertThat(redis.port()).isEqualTo(port);
            // lettuce reconnects on its own; wait until the old connection works again
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .until(() -> "PONG".equals(connection.sync().ping()));
            assertThat(connection.sync().get(key)).isNull();
        }
        try (StatefulRedisConnection<String, String> fresh = client.connect()) {
            assertThat(fresh.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void stopIsIdempotent() {
        assumeTrue(redis.isEmbedded(), "only meaningful for embedded servers");
        redis.stop();
        redis.stop();
        redis.restart();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void twoServersGetDifferentPorts() {
        assumeTrue(redis.isEmbedded(), "only meaningful for embedded servers");
        try (RedisTestServer other = RedisTestServer.start()) {
            assertThat(other.port()).isNotEqualTo(redis.port());
        }
    }
}
