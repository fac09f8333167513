package dev.neoagent.agent.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.config.RedisEndpoint;
import io.lettuce.core.RedisClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AgentRedisTest {
    /**
     * Lettuce switches its per-command latency collector on by itself when HdrHistogram and LatencyUtils are on the
     * classpath, as Micrometer puts them on the agent's: every reply then updates a shared map on the connection's
     * event-loop thread, for figures nothing reads.
     */
    @Test
    void theAgentsClientsRecordNoPerCommandLatencies() {
        RedisClient plain = AgentRedis.client();
        RedisClient forEndpoint = AgentRedis.client(RedisEndpoint.of(URI.create("redis://127.0.0.1:1/0")));
        try {
            assertThat(plain.getResources().commandLatencyRecorder().isEnabled())
                    .isFalse();
            assertThat(forEndpoint.getResources().commandLatencyRecorder().isEnabled())
                    .isFalse();
        } finally {
            plain.shutdown();
            forEndpoint.shutdown();
        }
    }
}
