package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} started while Redis is down waits for it, retrying with one Redis client: a client per attempt
 * leaked its event-loop threads and buffers until lettuce warned "DefaultClientResources was not shut down".
 */
class AgentProcessRedisDownTest {
    /** Netty names each event-loop pool's threads {@code lettuce-nioEventLoop-<pool>-<thread>}: one pool per client. */
    private static final Pattern EVENT_LOOP = Pattern.compile("lettuce-nioEventLoop-(\\d+)-\\d+");

    @Test
    @Timeout(60)
    void retriesWithOneClientAndReleasesItWhenStopped(@TempDir Path home) throws Exception {
        AgentConfig config = AgentConfig.from(
                Map.of("NEO_REDIS_URL", "redis://127.0.0.1:" + closedPort() + "/0", "NEO_HOME", home.toString()));
        Set<String> poolsBefore = eventLoopPools();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (LogCapture log = new LogCapture(AgentProcess.class)) {
            Thread starting = Thread.ofPlatform().name("starting-agent").start(() -> {
                try {
                    AgentProcess.start(
                            config,
                            List.of(),
                            AgentSettings.from(Map.of()),
                            PaperSettings.defaults(),
                            true,
                            HealthSettings.OFF,
                            false,
                            Clock.systemUTC());
                } catch (Throwable e) {
                    ended.set(e);
                }
            });
            // the first attempt, a wait of 1 s, the second attempt: two clients before the fix
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> log.all().stream()
                                    .filter(line -> line.contains("not reachable"))
                                    .count()
                            >= 2);

            Set<String> pools = eventLoopPools();
            pools.removeAll(poolsBefore);
            assertThat(pools)
                    .as("event-loop pools of the Redis clients created while retrying")
                    .hasSize(1);

            starting.interrupt();
            starting.join(10_000);
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(eventLoopPools())
                            .as("the client is shut down when the wait is given up")
                            .doesNotContainAnyElementsOf(pools));
        }
    }

    private static Set<String> eventLoopPools() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(thread -> EVENT_LOOP.matcher(thread.getName()))
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .collect(Collectors.toSet());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
