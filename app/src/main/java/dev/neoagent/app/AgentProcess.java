package dev.neoagent.app;

import dev.neoagent.agent.metrics.AgentMetrics;
import dev.neoagent.agent.metrics.HealthCheck;
import dev.neoagent.agent.metrics.HealthServer;
import dev.neoagent.agent.metrics.HealthSettings;
import dev.neoagent.agent.metrics.HealthSource;
import dev.neoagent.agent.metrics.SessionState;
import dev.neoagent.agent.redis.AgentRedis;
import dev.neoagent.agent.worker.AgentRuntime;
import dev.neoagent.agent.worker.AgentSettings;
import dev.neoagent.broker.factory.BrokerFactory;
import dev.neoagent.broker.kotak.KotakSettings;
import dev.neoagent.broker.paper.PaperSettings;
import dev.neoagent.config.AgentConfig;
import dev.neoagent.config.RedisEndpoint;
import dev.neoagent.config.UserConfig;
import dev.neoagent.contract.AgentKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code neo-agent run} (and {@code demo}) runs: the brokers, the metrics, the health
 * endpoint, and the agent itself once Redis answers. The health endpoint starts first, so it says
 * DOWN while Redis is not reachable yet.
 */
public final class AgentProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentProcess.class);

    private final BrokerFactory brokers;
    private final RedisClient redisClient;
    private final AgentMetrics metrics;
    private final Optional<HealthServer> healthServer;
    private final AtomicReference<AgentRuntime> runtime = new AtomicReference<>();
    private volatile boolean closing;
    private boolean closed;

    private AgentProcess(
            BrokerFactory brokers, RedisClient redisClient, AgentMetrics metrics, Optional<HealthServer> healthServer) {
        this.brokers = brokers;
        this.redisClient = redisClient;
        this.metrics = metrics;
        this.healthServer = healthServer;
    }

    /**
     * Starts the health endpoint, then the agent as soon as Redis answers (retrying with backoff until it does,
     * so Redis may come up after the agent). One Redis client serves every attempt: a new client per retry
     * would leak its threads and buffers while Redis is down.
     *
     * @param demoRedisAllowed whether a Redis marked as a demo's ({@code NEO_DEMO}) may be served
     * @throws DemoRedisRefused when the Redis is a demo's and that is not allowed; nothing was served
     */
    public static AgentProcess start(
            AgentConfig config,
            List<UserConfig> users,
            AgentSettings settings,
            PaperSettings paper,
            boolean allPaper,
            HealthSettings health,
            boolean demoRedisAllowed,
            Clock clock)
            throws InterruptedException {
        return start(
                config, KotakSettings.from(config), users, settings, paper, allPaper, health, demoRedisAllowed, clock);
    }

    /** As above, with the Kotak settings read by the caller (those beyond the process configuration: the feed URL). */
    public static AgentProcess start(
            AgentConfig config,
            KotakSettings kotak,
            List<UserConfig> users,
            AgentSettings settings,
            PaperSettings paper,
            boolean allPaper,
            HealthSettings health,
            boolean demoRedisAllowed,
            Clock clock)
            throws InterruptedException {
        BrokerFactory brokers = new BrokerFactory(kotak, paper, allPaper, config.home(), clock);
        AgentMetrics metrics = new AgentMetrics();
        AtomicReference<AgentRuntime> running = new AtomicReference<>();
        HealthCheck check = new HealthCheck(
                delegatingHealth(running, users, settings, clock),
                settings.spot().maxAge());
        RedisEndpoint endpoint = config.redisEndpoint();
        AgentProcess process = new AgentProcess(
                brokers, AgentRedis.client(endpoint), metrics, HealthServer.start(health, check, metrics));
        process.healthServer.ifPresent(
                server -> log.info("health and metrics on http://127.0.0.1:{}/health", server.port()));
        RedisURI uri = AgentRedis.uri(endpoint);
        Duration wait = Duration.ofSeconds(1);
        while (!process.closing) {
            StatefulRedisConnection<String, String> connection;
            try {
                connection = RedisEndpoint.connect(process.redisClient, uri);
            } catch (RedisException e) {
                waitBeforeRetry(process, endpoint, "not reachable", e, wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : wait.multipliedBy(2);
                continue;
            }
            try {
                if (!demoRedisAllowed) {
                    refuseDemoRedis(connection.sync(), config);
                }
                AgentRuntime started = AgentRuntime.start(
                        new AgentRuntime.RedisConnection(process.redisClient, uri, connection),
                        config.home(),
                        users,
                        brokers::create,
                        settings,
                        metrics,
                        clock);
                running.set(started);
                process.runtime.set(started);
                return process;
            } catch (RedisException e) {
                connection.close();
                if (e instanceof io.lettuce.core.RedisCommandExecutionException) {
                    // Redis answered with an error (an ACL refusal, a bad setting): not a matter of waiting
                    process.close();
                    throw e;
                }
                // Redis went away while the agent started (a restart, a failover): start again once it is back
                waitBeforeRetry(process, endpoint, "went away while starting", e, wait);
            } catch (RuntimeException e) {
                connection.close();
                process.close();
                throw e;
            }
        }
        return process;
    }

    /** Logs why Redis is not usable yet and waits; an interrupt gives up (the process is closed). */
    private static void waitBeforeRetry(
            AgentProcess process, RedisEndpoint endpoint, String what, RedisException failure, Duration wait)
            throws InterruptedException {
        log.warn(
                "Redis at {} {} ({}); retrying in {} s",
                endpoint.redacted(),
                what,
                endpoint.reason(failure),
                wait.toSeconds());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
            process.close();
            throw interrupted;
        }
    }

    /** {@code NEO_DEMO} set: the demo ran here, with its synthetic master and demo user. */
    private static void refuseDemoRedis(RedisCommands<String, String> redis, AgentConfig config) {
        Map<String, String> demo = redis.hgetall(AgentKeys.DEMO);
        if (!demo.isEmpty()) {
            throw new DemoRedisRefused("Redis at " + config.redactedRedisUrl() + " is a demo's (" + AgentKeys.DEMO
                    + ": the demo of pid " + demo.getOrDefault(AgentKeys.DEMO_PID, "?") + " on "
                    + demo.getOrDefault(AgentKeys.DEMO_HOST, "?") + " ran here since "
                    + demo.getOrDefault(AgentKeys.DEMO_STARTED_AT, "?")
                    + ", with a synthetic paper instrument master); "
                    + "serve real users from a Redis of their own, or start with --allow-demo-redis to serve this one");
        }
    }

    /** Until the agent runs, /health says Redis is unreachable and no user has a session. */
    private static HealthSource delegatingHealth(
            AtomicReference<AgentRuntime> running, List<UserConfig> users, AgentSettings settings, Clock clock) {
        return new HealthSource() {
            private Optional<HealthSource> live() {
                return Optional.ofNullable(running.get()).map(AgentRuntime::health);
            }

            @Override
            public boolean redisReachable() {
                return live().map(HealthSource::redisReachable).orElse(false);
            }

            @Override
            public Map<String, SessionState> sessions() {
                return live().map(HealthSource::sessions).orElseGet(() -> {
                    Map<String, SessionState> none = new java.util.LinkedHashMap<>();
                    users.forEach(user -> none.put(user.uid(), SessionState.NONE));
                    return none;
                });
            }

            @Override
            public Map<String, Optional<Duration>> spotAges() {
                return live().map(HealthSource::spotAges).orElse(Map.of());
            }

            @Override
            public boolean marketOpen() {
                return settings.spot().marketHours().isOpen(clock.instant());
            }

            @Override
            public Optional<String> spotSource() {
                return live().flatMap(HealthSource::spotSource);
            }

            @Override
            public Optional<Boolean> marketFeedConnected() {
                return live().flatMap(HealthSource::marketFeedConnected);
            }
        };
    }

    public AgentRuntime runtime() {
        return runtime.get();
    }

    public BrokerFactory brokers() {
        return brokers;
    }

    public Optional<Integer> healthPort() {
        return healthServer.map(HealthServer::port);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        AgentRuntime current = runtime.get();
        if (current != null) {
            current.close();
        }
        healthServer.ifPresent(HealthServer::close);
        redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        brokers.close();
        metrics.close();
    }
}
