package dev.neoagent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neoagent.config.AgentConfig;
import dev.neoagent.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
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
            Thread starting = AgentWithoutUsers.startInBackground(config, ended);
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

    @Test
    @Timeout(60)
    void redisGoingAwayWhileTheAgentStartsIsWaitedOutNotAnExit(@TempDir Path home) throws Exception {
        try (dev.neoagent.testing.RedisTestServer redis = dev.neoagent.testing.RedisTestServer.start();
                DroppingProxy proxy = new DroppingProxy(redis.port(), 2);
                LogCapture log = new LogCapture(AgentProcess.class)) {
            AgentConfig config = AgentConfig.from(
                    Map.of("NEO_REDIS_URL", "redis://127.0.0.1:" + proxy.port() + "/0", "NEO_HOME", home.toString()));
            // the agent's second connection (its notification subscription) is cut as it opens: Redis went away
            // while the agent started, as in a restart; before the fix, run exited with that error
            try (AgentProcess process = AgentWithoutUsers.start(config)) {
                assertThat(process).isNotNull();
                assertThat(log.all()).anyMatch(line -> line.contains("went away while starting"));
                assertThat(proxy.accepted()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    /** Forwards to a port, but closes the {@code drop}-th connection it accepts at once. */
    private static final class DroppingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final java.util.concurrent.atomic.AtomicInteger accepted =
                new java.util.concurrent.atomic.AtomicInteger();

        DroppingProxy(int target, int drop) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread.ofPlatform().daemon().name("dropping-proxy").start(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket client = server.accept();
                        if (accepted.incrementAndGet() == drop) {
                            client.close();
                            continue;
                        }
                        java.net.Socket upstream = new java.net.Socket("127.0.0.1", target);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private static void pipe(java.net.Socket from, java.net.Socket to) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException e) {
                    // either side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
